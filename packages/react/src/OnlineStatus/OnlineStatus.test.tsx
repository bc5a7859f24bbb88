import { render, screen, waitFor } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { destroyClients, makeClient, server, withProvider } from '../hooks/test-chat.test-fixtures';
import { ChatProvider } from '../provider';
import { activeClockCount } from '../utils/use-now';
import { OnlineStatus } from './OnlineStatus';

beforeAll(() => server.listen());
afterEach(() => {
  destroyClients();
  server.reset();
});
afterAll(() => server.close());

const WAIT = { timeout: 10_000 };

describe('OnlineStatus', () => {
  it('says "En ligne" when Bruno connects, and "Vu à l’instant" once he has left', async () => {
    const alice = makeClient('u-alice');
    alice.connect();
    const { container } = render(<OnlineStatus userId="u-bruno" className="mine" />, {
      wrapper: withProvider(alice),
    });
    const root = container.firstElementChild as HTMLElement;
    expect(root).toHaveClass('causette', 'causette-online-status', 'mine');
    // Bruno has never connected: the mock has him last seen when his account was made.
    await waitFor(() => expect(root).toHaveClass('causette-online-status--offline'), WAIT);
    expect(root).toHaveTextContent(/^Vu il y a 1 mois$/);

    const bruno = makeClient('u-bruno');
    bruno.connect();
    await waitFor(() => expect(root).toHaveTextContent('En ligne'), WAIT);
    expect(root).toHaveClass('causette-online-status--online');

    bruno.disconnect();
    await waitFor(() => expect(root).toHaveTextContent("Vu à l'instant"), WAIT);
    const time = root.querySelector('time');
    expect(time).not.toBeNull();
    expect(time?.getAttribute('dateTime')).toBe(server.state.presence('u-bruno')?.lastSeen);
    expect(root).toHaveClass('causette-online-status--offline');
  });

  it('without a label, names the dot by the status', async () => {
    const alice = makeClient('u-alice');
    const bruno = makeClient('u-bruno');
    alice.connect();
    bruno.connect();
    await bruno.waitForConnection();
    render(<OnlineStatus userId="u-bruno" showLabel={false} />, { wrapper: withProvider(alice) });
    const dot = await screen.findByRole('img', { name: 'En ligne' }, WAIT);
    expect(dot).toHaveClass('causette-online-status__dot');
    expect(screen.queryByText('En ligne')).toBeNull();
  });

  it('shows "Vu il y a 5 minutes" for an older last seen, in English too', async () => {
    const alice = makeClient('u-alice');
    alice.connect();
    await alice.waitForConnection();
    const lastSeen = new Date(Date.now() - 5 * 60_000 - 5_000).toISOString();
    render(
      <>
        <OnlineStatus userId="u-bruno" />
        <ChatProvider client={alice} locale="en">
          <OnlineStatus userId="u-bruno" />
        </ChatProvider>
      </>,
      { wrapper: withProvider(alice) },
    );
    await screen.findByText(/^Vu il y a/, {}, WAIT);
    server.emit('u-alice', 'user:status', { userId: 'u-bruno', status: 'offline', lastSeen });
    expect(await screen.findByText('Vu il y a 5 minutes', {}, WAIT)).toHaveAttribute(
      'dateTime',
      lastSeen,
    );
    expect(await screen.findByText('Last seen 5 minutes ago')).toBeVisible();
  });

  it('shows a neutral dot and no text while the presence is unknown', () => {
    const client = makeClient('u-alice');
    const { container } = render(<OnlineStatus userId="u-nobody" />, {
      wrapper: withProvider(client),
    });
    const root = container.firstElementChild as HTMLElement;
    expect(root).toHaveClass('causette-online-status--unknown');
    expect(root).toHaveTextContent('');
    expect(root.querySelector('.causette-online-status__dot')).toHaveAttribute(
      'aria-hidden',
      'true',
    );
  });

  it('runs one clock for many statuses', async () => {
    const alice = makeClient('u-alice');
    alice.connect();
    await alice.waitForConnection();
    const ids = ['u-bruno', 'u-chloe', 'u-bruno', 'u-chloe', 'u-bruno', 'u-chloe'];
    const { unmount } = render(
      <div>
        {ids.map((id, index) => (
          <OnlineStatus key={index} userId={id} />
        ))}
      </div>,
      { wrapper: withProvider(alice) },
    );
    await waitFor(() => expect(screen.getAllByText('Vu il y a 1 mois')).toHaveLength(6), WAIT);
    server.emit('u-alice', 'user:status', {
      userId: 'u-bruno',
      status: 'offline',
      lastSeen: new Date(Date.now() - 10 * 60_000).toISOString(),
    });
    server.emit('u-alice', 'user:status', {
      userId: 'u-chloe',
      status: 'offline',
      lastSeen: new Date(Date.now() - 2 * 3_600_000).toISOString(),
    });
    await waitFor(() => expect(screen.getAllByText('Vu il y a 10 minutes')).toHaveLength(3), WAIT);
    await waitFor(() => expect(screen.getAllByText('Vu il y a 2 heures')).toHaveLength(3), WAIT);
    expect(activeClockCount()).toBe(1);
    unmount();
    expect(activeClockCount()).toBe(0);
  });

  it('renders on a server with a client that is not connected', () => {
    const client = makeClient('u-alice');
    const html = renderToString(
      <ChatProvider client={client}>
        <OnlineStatus userId="u-bruno" />
      </ChatProvider>,
    );
    expect(html).toContain('causette-online-status--unknown');
  });
});
