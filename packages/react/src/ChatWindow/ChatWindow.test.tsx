import { act, render, screen, waitFor, within } from '@testing-library/react';
import { type ComponentType, Profiler, type ProfilerOnRenderCallback } from 'react';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { destroyClients, makeClient, server } from '../hooks/test-chat.test-fixtures';
import { ChatProvider } from '../provider';
import { MessageInput } from '../MessageInput';
import { MessageList } from '../MessageList';
import { TypingIndicator } from '../TypingIndicator';
import { ChatWindow } from './ChatWindow';
import { ChatWindowHeader, type ChatWindowHeaderProps } from './ChatWindowHeader';

beforeAll(() => server.listen());
afterEach(() => {
  destroyClients();
  server.reset();
});
afterAll(() => server.close());

const CONV = 'c-lyon-t2';
const WAIT = { timeout: 10_000 };

function renderWindow(
  client = makeClient('u-alice'),
  props: Partial<Parameters<typeof ChatWindow>[0]> = {},
) {
  client.connect();
  const view = render(
    <ChatProvider client={client}>
      <div style={{ height: 600, display: 'flex' }}>
        <ChatWindow conversationId={CONV} {...props} />
      </div>
    </ChatProvider>,
  );
  return { client, ...view };
}

describe('ChatWindow', () => {
  it('shows the other member, their presence, the listing, the messages and the input', async () => {
    const bruno = makeClient('u-bruno');
    bruno.connect();
    await bruno.waitForConnection();
    renderWindow();
    const region = await screen.findByRole('region', { name: /^Conversation avec Bruno/ }, WAIT);
    expect(within(region).getByRole('heading', { name: /Bruno/ })).toBeVisible();
    await waitFor(() => expect(within(region).getByText('En ligne')).toBeVisible(), WAIT);
    const subject = server.state.conversation(CONV, 'u-alice').subject?.title;
    if (subject) expect(within(region).getByText(subject)).toBeVisible();
    expect(within(region).getByRole('log')).toBeVisible();
    expect(within(region).getByRole('textbox')).toBeVisible();
  });

  it('sends what the user types: it shows at once and reaches the server', async () => {
    renderWindow();
    const input = await screen.findByRole('textbox', {}, WAIT);
    await waitFor(() => expect(screen.getByRole('log')).toHaveTextContent(/\S/), WAIT);
    await userEvent.type(input, 'Je passe demain à 18 h{Enter}');
    await waitFor(() =>
      expect(screen.getByRole('log')).toHaveTextContent('Je passe demain à 18 h'),
    );
    await waitFor(
      () => expect(server.state.messages(CONV).at(-1)?.content).toBe('Je passe demain à 18 h'),
      WAIT,
    );
  });

  it('shows the offline banner while the connection is down, and the send waits', async () => {
    const { client } = renderWindow();
    await client.waitForConnection();
    expect(screen.queryByText(/Hors ligne/)).toBeNull();
    act(() => server.goOffline());
    // Testing Library folds the narrow no-break space into a space.
    expect(await screen.findByText(/^Hors ligne : vos messages partiront/, {}, WAIT)).toBeVisible();
    await userEvent.type(screen.getByRole('textbox'), 'Envoyé du train{Enter}');
    await waitFor(() => expect(screen.getByRole('log')).toHaveTextContent('Envoyé du train'));
    expect(server.state.messages(CONV).some((m) => m.content === 'Envoyé du train')).toBe(false);
    act(() => server.goOnline());
    await waitFor(() => expect(screen.queryByText(/Hors ligne/)).toBeNull(), WAIT);
    await waitFor(
      () =>
        expect(
          server.state.messages(CONV).filter((m) => m.content === 'Envoyé du train'),
        ).toHaveLength(1),
      WAIT,
    );
  });

  it('is the active conversation while mounted, and reads nothing by itself', async () => {
    const { client, unmount } = renderWindow();
    await client.waitForConnection();
    expect(client.getSnapshot().activeConversationId).toBe(CONV);
    unmount();
    expect(client.getSnapshot().activeConversationId).toBeNull();
  });

  it('takes replacement parts', async () => {
    function MyHeader({ conversation }: ChatWindowHeaderProps) {
      return <header>Mon en-tête {conversation?.id}</header>;
    }
    renderWindow(undefined, { components: { Header: MyHeader }, headerEnd: <span>fin</span> });
    expect(await screen.findByText(`Mon en-tête ${CONV}`, {}, WAIT)).toBeVisible();
  });

  it('re-renders only the typing indicator on a typing update', async () => {
    const client = makeClient('u-alice');
    client.connect();
    const commits: Record<string, number> = {};
    const count: ProfilerOnRenderCallback = (id) => {
      commits[id] = (commits[id] ?? 0) + 1;
    };
    // Each part in its own profiler: a part that renders in the same commit as the indicator
    // still counts for itself.
    const profiled = <P extends object>(id: string, Part: ComponentType<P>) =>
      function Profiled(props: P) {
        return (
          <Profiler id={id} onRender={count}>
            <Part {...props} />
          </Profiler>
        );
      };
    render(
      <ChatProvider client={client}>
        <div style={{ height: 600, display: 'flex' }}>
          <ChatWindow
            conversationId={CONV}
            components={{
              Header: profiled('header', ChatWindowHeader),
              MessageList: profiled('list', MessageList),
              MessageInput: profiled('input', MessageInput),
              TypingIndicator: profiled('typing', TypingIndicator),
            }}
          />
        </div>
      </ChatProvider>,
    );
    await client.waitForConnection();
    await waitFor(() => expect(screen.getByRole('log')).toHaveTextContent(/\S/), WAIT);
    // Let loading, presence, measuring and scrolling settle: no commit for half a second.
    let settled = JSON.stringify(commits);
    await expect
      .poll(
        async () => {
          await new Promise((r) => setTimeout(r, 500));
          const now = JSON.stringify(commits);
          const quiet = now === settled;
          settled = now;
          return quiet;
        },
        { timeout: 15_000, interval: 0 },
      )
      .toBe(true);
    const before = { ...commits };
    act(() =>
      server.emit('u-alice', 'typing:update', {
        conversationId: CONV,
        userId: 'u-bruno',
        isTyping: true,
      }),
    );
    await screen.findByText(/^Bruno .*est en train d'écrire…$/, {}, WAIT);
    const grew = (id: string) => (commits[id] ?? 0) - (before[id] ?? 0);
    expect(grew('typing')).toBeGreaterThan(0);
    expect({ header: grew('header'), list: grew('list'), input: grew('input') }).toEqual({
      header: 0,
      list: 0,
      input: 0,
    });
  });

  it('renders on a server with a client that is not connected', () => {
    const client = makeClient('u-alice');
    const html = renderToString(
      <ChatProvider client={client}>
        <ChatWindow conversationId={CONV} />
      </ChatProvider>,
    );
    expect(html).toContain('causette-chat-window');
  });
});
