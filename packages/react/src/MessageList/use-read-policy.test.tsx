import type { ChatClient } from '@causette/core';
// The read policy and the live region, on the mock server.
import { act, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { connectedClient, destroyClients, server } from '../hooks/test-chat.test-fixtures';
import { CONV, WAIT, distanceFromEnd, renderList, viewportOf } from './test-list.test-fixtures';

beforeAll(() => server.listen());
afterEach(() => {
  destroyClients();
  server.reset();
  setVisibility('visible');
});
afterAll(() => server.close());

const readRequests = () => server.receivedBy('u-alice').filter((e) => e.event === 'message:read');

/**
 * Lets every effect run, then a request that reaches the server after anything the list may
 * have sent: a `message:read` it sent is in `server.received` afterwards.
 */
async function settle(client: ChatClient) {
  await act(async () => undefined);
  await client.loadConversation(CONV);
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('the read policy', () => {
  it('marks read when the bottom is visible and the tab is visible', async () => {
    expect(server.state.unread('u-alice', CONV)).toBe(3);
    const client = await connectedClient();
    renderList(client);
    await expect.poll(() => server.state.unread('u-alice', CONV), WAIT).toBe(0);
    expect(readRequests()).toHaveLength(1);
  });

  it('does not mark read while the tab is hidden; does once it shows', async () => {
    setVisibility('hidden');
    const client = await connectedClient();
    const { container } = renderList(client);
    await screen.findByText(/\(120\)/, {}, WAIT);
    await waitFor(
      () => expect(distanceFromEnd(viewportOf(container))).toBeLessThanOrEqual(24),
      WAIT,
    );
    await settle(client);
    expect(readRequests()).toHaveLength(0);
    act(() => setVisibility('visible'));
    await expect.poll(() => server.state.unread('u-alice', CONV), WAIT).toBe(0);
  });

  it('does not mark read while scrolled up to the first unread; does at the bottom', async () => {
    for (let i = 1; i <= 30; i++) server.sendAs('u-bruno', CONV, `Relance ${i}`);
    const client = await connectedClient();
    const { container } = renderList(client);
    const viewport = viewportOf(container);
    await screen.findByText('Non lus', {}, WAIT);
    await waitFor(() => expect(distanceFromEnd(viewport)).toBeGreaterThan(200), WAIT);
    await settle(client);
    expect(readRequests()).toHaveLength(0);
    expect(server.state.unread('u-alice', CONV)).toBe(33);
    viewport.focus();
    await userEvent.keyboard('{End}');
    await expect.poll(() => server.state.unread('u-alice', CONV), WAIT).toBe(0);
    expect(readRequests()).toHaveLength(1);
  });

  it('after "mark as unread", stays unread until a new message from someone else is seen', async () => {
    const client = await connectedClient();
    const first = renderList(client);
    await expect.poll(() => server.state.unread('u-alice', CONV), WAIT).toBe(0);
    await act(() => client.markUnread(CONV));
    expect(server.state.unread('u-alice', CONV)).toBe(1);
    await settle(client);
    // Still at the bottom, tab visible: the manual mark holds.
    expect(readRequests()).toHaveLength(1);
    // Your own message is no reason to read it either.
    await act(async () => {
      client.sendMessage(CONV, { content: 'Je note' });
    });
    await screen.findByText('Je note', {}, WAIT);
    await settle(client);
    expect(readRequests()).toHaveLength(1);
    // A new message from Bruno, seen at the bottom, releases it.
    server.sendAs('u-bruno', CONV, 'Alors, ce samedi ?');
    await expect.poll(() => readRequests().length, WAIT).toBe(2);
    await expect.poll(() => server.state.unread('u-alice', CONV), WAIT).toBe(0);
    first.unmount();
  });

  it('reopening the conversation after "mark as unread" reads it', async () => {
    const client = await connectedClient();
    const first = renderList(client);
    await expect.poll(() => server.state.unread('u-alice', CONV), WAIT).toBe(0);
    await act(() => client.markUnread(CONV));
    await settle(client);
    expect(server.state.unread('u-alice', CONV)).toBe(1);
    first.unmount();
    renderList(client);
    await expect.poll(() => server.state.unread('u-alice', CONV), WAIT).toBe(0);
  });
});

describe('the live region', () => {
  /** Every text the region took, in order. */
  function record(region: HTMLElement): string[] {
    const said: string[] = [];
    new MutationObserver(() => {
      if (region.textContent) said.push(region.textContent);
    }).observe(region, { childList: true, characterData: true, subtree: true });
    return said;
  }

  it('announces several messages from others once, batched', async () => {
    const client = await connectedClient();
    renderList(client);
    await screen.findByText(/\(120\)/, {}, WAIT);
    const region = screen.getByRole('status');
    expect(region).toHaveClass('causette-visually-hidden');
    expect(region).toHaveAttribute('aria-live', 'polite');
    const said = record(region);
    server.sendAs('u-bruno', CONV, 'Un');
    server.sendAs('u-bruno', CONV, 'Deux');
    server.sendAs('u-bruno', CONV, 'Trois');
    await waitFor(
      () => expect(region).toHaveTextContent('3 nouveaux messages de Bruno Lefèvre'),
      WAIT,
    );
    expect(said).toEqual(['3 nouveaux messages de Bruno Lefèvre']);
    // The log itself is not live: one region speaks.
    expect(screen.getByRole('log')).not.toHaveAttribute('aria-live');
    expect(document.querySelectorAll('[aria-live]')).toHaveLength(1);
  });

  it('never announces your own messages', async () => {
    const client = await connectedClient();
    renderList(client);
    await screen.findByText(/\(120\)/, {}, WAIT);
    const region = screen.getByRole('status');
    const said = record(region);
    await act(async () => {
      client.sendMessage(CONV, { content: 'De moi' });
    });
    await waitFor(() => expect(server.state.messages(CONV).at(-1)?.content).toBe('De moi'), WAIT);
    server.sendAs('u-bruno', CONV, 'De Bruno');
    await waitFor(() => expect(region).toHaveTextContent('Nouveau message de Bruno Lefèvre'), WAIT);
    expect(said).toEqual(['Nouveau message de Bruno Lefèvre']);
  });
});
