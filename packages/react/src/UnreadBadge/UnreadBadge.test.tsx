import { render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { destroyClients, makeClient, server, withProvider } from '../hooks/test-chat.test-fixtures';
import { ChatProvider } from '../provider';
import { UnreadBadge } from './UnreadBadge';

beforeAll(() => server.listen());
afterEach(() => {
  destroyClients();
  server.reset();
});
afterAll(() => server.close());

describe('UnreadBadge', () => {
  it('renders nothing when there is nothing unread', () => {
    const { container } = render(<UnreadBadge count={0} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('shows the count with an accessible label, in French by default', () => {
    render(<UnreadBadge count={3} />);
    expect(screen.getByRole('status', { name: '3 messages non lus' })).toHaveTextContent('3');
  });

  it('speaks the provider’s locale and takes a label of the app’s', () => {
    const client = makeClient();
    render(
      <ChatProvider client={client} locale="en">
        <UnreadBadge count={1} />
        <UnreadBadge count={2} label={(n) => `${n} nouveautés`} className="mine" />
      </ChatProvider>,
    );
    expect(screen.getByRole('status', { name: '1 unread message' })).toBeVisible();
    const custom = screen.getByRole('status', { name: '2 nouveautés' });
    expect(custom).toHaveClass('causette', 'causette-unread-badge', 'mine');
  });

  it('caps the visible number but keeps the exact count in the label', () => {
    render(<UnreadBadge count={250} />);
    const badge = screen.getByRole('status', { name: '250 messages non lus' });
    expect(badge).toHaveTextContent('99+');
  });

  it('in a list, is not a live region but still says its count', () => {
    const { container } = render(<UnreadBadge count={4} live={false} id="b" />);
    expect(screen.queryByRole('status')).toBeNull();
    const badge = container.querySelector('#b') as HTMLElement;
    expect(badge).toHaveTextContent('4 messages non lus');
    expect(badge.querySelector('[aria-hidden="true"]')).toHaveTextContent('4');
  });

  it('ignores nonsense counts instead of rendering them', () => {
    const { container } = render(<UnreadBadge count={Number.NaN} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('without a count, follows the client’s total live', async () => {
    const client = makeClient('u-alice');
    client.connect();
    render(<UnreadBadge />, { wrapper: withProvider(client) });
    await client.waitForConnection();
    const before = server.state.unread('u-alice');
    await waitFor(
      () => expect(screen.getByRole('status')).toHaveAccessibleName(`${before} messages non lus`),
      { timeout: 10_000 },
    );
    server.sendAs('u-bruno', 'c-lyon-t2', 'Encore là ?');
    await waitFor(
      () =>
        expect(screen.getByRole('status')).toHaveAccessibleName(`${before + 1} messages non lus`),
      { timeout: 10_000 },
    );
  });
});
