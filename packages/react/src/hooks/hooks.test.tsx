import { act, renderHook, waitFor } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChatProvider } from '../provider';
import { destroyClients, makeClient, server, withProvider } from './test-chat.test-fixtures';
import {
  useChat,
  useChatClient,
  useChatState,
  useConnection,
  useConversation,
  useConversations,
  usePresence,
  useSearch,
  useTyping,
  useUnreadCount,
} from '.';

beforeAll(() => server.listen());
afterEach(() => {
  destroyClients();
  server.reset();
});
afterAll(() => server.close());

const CONV = 'c-lyon-t2';
const WAIT = { timeout: 10_000 };

describe('the provider', () => {
  it('gives the client to the hooks, and says clearly when it is missing', () => {
    const client = makeClient();
    const { result } = renderHook(() => useChatClient(), { wrapper: withProvider(client) });
    expect(result.current).toBe(client);
    expect(() => renderHook(() => useConnection())).toThrow(/<ChatProvider client=/);
    expect(() => renderHook(() => null, { wrapper: withProvider(null as never) })).toThrow(
      /createChatClient/,
    );
  });

  it('renders on a server with a client that is not connected', () => {
    const client = makeClient();
    function Status() {
      const { status } = useConnection();
      const unread = useUnreadCount();
      const { conversations } = useConversations({ load: false });
      return (
        <p>
          {status} {unread} {conversations.length}
        </p>
      );
    }
    const html = renderToString(
      <ChatProvider client={client}>
        <Status />
      </ChatProvider>,
    );
    expect(html).toBe('<p>idle<!-- --> <!-- -->0<!-- --> <!-- -->0</p>');
  });
});

describe('hooks on the mock server', () => {
  it('useConnection follows the connection; useConversations loads and keeps the list live', async () => {
    const client = makeClient();
    const { result } = renderHook(
      () => ({ connection: useConnection(), list: useConversations() }),
      { wrapper: withProvider(client) },
    );
    expect(result.current.connection.status).toBe('idle');
    act(() => client.connect());
    await waitFor(() => expect(result.current.connection.status).toBe('connected'), WAIT);
    await waitFor(() => expect(result.current.list.status).toBe('loaded'), WAIT);
    const ids = result.current.list.conversations.map((c) => c.id);
    expect(ids).toEqual(server.state.conversations('u-alice').map((c) => c.id));
    // A new message moves its conversation to the top.
    const last = ids.at(-1) as string;
    act(() => void server.sendAs(last === 'c-croix-rousse' ? 'u-chloe' : 'u-bruno', last, 'Hop'));
    await waitFor(() => expect(result.current.list.conversations[0]?.id).toBe(last), WAIT);
  });

  it('useChat loads the latest page, sends, and shows the message as sent', async () => {
    const client = makeClient();
    client.connect();
    const { result } = renderHook(() => useChat(CONV), { wrapper: withProvider(client) });
    await waitFor(() => expect(result.current.loaded).toBe(true), WAIT);
    expect(result.current.messages.at(-1)).toMatchObject({ seq: 120 });
    expect(result.current.hasOlder).toBe(true);
    let clientId = '';
    act(() => {
      clientId = result.current.send('Bonjour depuis React').clientId;
    });
    expect(result.current.messages.at(-1)).toMatchObject({ clientId, status: expect.any(String) });
    await waitFor(
      () => expect(result.current.messages.at(-1)).toMatchObject({ clientId, status: 'sent' }),
      WAIT,
    );
    await act(() => result.current.loadOlder());
    expect(result.current.messages[0]).toMatchObject({ seq: 21 });
    expect(() => result.current.send('   ')).toThrow();
  });

  it('useUnreadCount, useConversation and markRead agree with the server', async () => {
    const client = makeClient();
    client.connect();
    const { result } = renderHook(
      () => ({
        total: useUnreadCount(),
        one: useUnreadCount(CONV),
        conversation: useConversation(CONV),
        chat: useChat(CONV),
      }),
      { wrapper: withProvider(client) },
    );
    await waitFor(() => expect(result.current.conversation?.id).toBe(CONV), WAIT);
    await waitFor(() => expect(result.current.chat.loaded).toBe(true), WAIT);
    expect(result.current.one).toBe(3);
    await act(() => result.current.chat.markRead());
    await waitFor(() => expect(result.current.one).toBe(0), WAIT);
    expect(result.current.total).toBe(server.state.unread('u-alice'));
  });

  it('useTyping and usePresence show the other member live', async () => {
    const alice = makeClient('u-alice');
    const bruno = makeClient('u-bruno');
    alice.connect();
    const { result, unmount } = renderHook(
      () => ({ typing: useTyping(CONV), presence: usePresence('u-bruno') }),
      { wrapper: withProvider(alice) },
    );
    await waitFor(() => expect(result.current.presence?.status).toBe('offline'), WAIT);
    bruno.connect();
    await waitFor(() => expect(result.current.presence?.status).toBe('online'), WAIT);
    await bruno.waitForConnection();
    bruno.typing(CONV).keystroke();
    await waitFor(() => expect(result.current.typing).toEqual(['u-bruno']), WAIT);
    bruno.typing(CONV).stop();
    await waitFor(() => expect(result.current.typing).toEqual([]), WAIT);
    unmount();
    // The watch ends with the last component that used it.
    await waitFor(() => expect(alice.getSnapshot().presence['u-bruno']).toBeUndefined(), WAIT);
  });

  it('useSearch finds messages, drops a stale answer, and reports a bad query', async () => {
    const client = makeClient();
    client.connect();
    const { result } = renderHook(() => useSearch(), { wrapper: withProvider(client) });
    act(() => result.current.search('zzzz-introuvable'));
    act(() => result.current.search('disponible'));
    await waitFor(() => expect(result.current.status).toBe('done'), WAIT);
    expect(result.current.query).toBe('disponible');
    expect(result.current.hits.length).toBeGreaterThan(0);
    for (const hit of result.current.hits) expect(hit.snippet).toMatch(/<mark>/i);
    act(() => result.current.search(''));
    await waitFor(() => expect(result.current.status).toBe('error'), WAIT);
    expect(result.current.error?.code).toBe('INVALID');
    act(() => result.current.clear());
    expect(result.current).toMatchObject({ status: 'idle', hits: [], query: '' });
  });

  it('useChatState re-renders only when its slice changes, also under StrictMode', async () => {
    const client = makeClient();
    let renders = 0;
    const { result } = renderHook(
      () => {
        renders += 1;
        return useChatState(
          (s) => s.conversations.order.length,
          (a, b) => a === b,
        );
      },
      {
        wrapper: ({ children }: { children: ReactNode }) => (
          <StrictMode>
            <ChatProvider client={client}>{children}</ChatProvider>
          </StrictMode>
        ),
      },
    );
    expect(result.current).toBe(0);
    act(() => client.connect());
    await act(() => client.loadConversations());
    expect(result.current).toBe(3);
    const settled = renders;
    // Typing elsewhere changes the state, not this slice.
    act(() => client.setActiveConversation(CONV));
    await waitFor(() => expect(client.getSnapshot().messages[CONV]?.loaded).toBe(true), WAIT);
    expect(renders).toBe(settled);
  });
});
