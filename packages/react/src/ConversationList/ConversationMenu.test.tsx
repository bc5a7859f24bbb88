// The row menu's code comes in a chunk of its own: a click that comes first must not be lost.
import { render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { destroyClients, makeClient, server, withProvider } from '../hooks/test-chat.test-fixtures';
import { ConversationList } from './ConversationList';

/** Holds the menu's chunk back until the test lets it through (a slow network). */
const chunk = vi.hoisted(() => {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { released, release: () => release() };
});
vi.mock('./ConversationMenuPopover', async (importOriginal) => {
  await chunk.released;
  return importOriginal();
});

beforeAll(() => server.listen());
afterEach(() => {
  destroyClients();
  server.reset();
});
afterAll(() => server.close());

describe('ConversationMenu', () => {
  it('opens the menu clicked before its code arrived, once it has', async () => {
    const client = makeClient('u-alice');
    client.connect();
    render(<ConversationList onSelect={() => undefined} />, { wrapper: withProvider(client) });
    const list = await screen.findByRole('list', { name: 'Conversations' }, { timeout: 10_000 });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3), {
      timeout: 10_000,
    });
    const name = 'Actions pour la conversation avec Chloé Dubois';
    await userEvent.click(within(list).getByRole('button', { name }));
    expect(screen.queryByRole('menu')).toBeNull();
    chunk.release();
    const menu = await screen.findByRole('menu', { name });
    expect(within(menu).getByRole('menuitem', { name: 'Marquer comme lu' })).toBeVisible();
  });
});
