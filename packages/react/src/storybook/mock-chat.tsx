// Stories run on @causette/testing's mock server in the page (msw), never on a live server. One
// server serves the whole Storybook page (msw runs one worker per page); each story gets it back
// in its seed state, with fresh clients.
import { type ChatClient, createChatClient, socketIoTransport } from '@causette/core';
import { type MockChatServer, createMockChatServer } from '@causette/testing';
import type { Decorator } from '@storybook/react-vite';
import type { ReactNode } from 'react';
import type { ChatLocale } from '../i18n';
import { ChatProvider, type ChatTheme } from '../provider';
import { MockControls } from './MockControls';

/** A story's `parameters.mockChat`. */
export interface MockChatParameters {
  /** Who is signed in (default Alice, the advertiser). */
  userId?: string;
  /** More signed-in users, each with their own client (the "two users" story). */
  otherUserIds?: readonly string[];
  /** Changes to the seeded mock before anyone connects (more messages, a fault...). */
  setup?: (server: MockChatServer) => void | Promise<void>;
  /** Whether the clients connect (default true); false shows a client that never connected. */
  connect?: boolean;
  /** Whether the server starts offline: the clients wait, their sends queue (default false). */
  offline?: boolean;
  /** The conversation the mock controls push messages into (default `c-lyon-t2`). */
  conversationId?: string;
  /** Whether to show the mock server's control bar above the story (default true). */
  controls?: boolean;
}

/** What the loader gives a story in `context.loaded.chat`. */
export interface LoadedChat {
  server: MockChatServer;
  /** The signed-in user's client. */
  client: ChatClient;
  /** Clients of `otherUserIds`, by user id. */
  others: Readonly<Record<string, ChatClient>>;
}

let serverPromise: Promise<MockChatServer> | undefined;
const liveClients: ChatClient[] = [];

/** The page's mock server, listening. */
export function storyServer(): Promise<MockChatServer> {
  serverPromise ??= (async () => {
    const server = createMockChatServer({ presenceGraceMs: 1500 });
    await server.listen();
    return server;
  })();
  return serverPromise;
}

function makeClient(server: MockChatServer, userId: string): ChatClient {
  const client = createChatClient({
    url: server.url,
    userId,
    getToken: () => server.tokenFor(userId),
    storage: 'memory',
    requestTimeoutMs: 4000,
    socketOptions: { transport: socketIoTransport(server.clientOptions()) },
  });
  liveClients.push(client);
  return client;
}

function parametersOf(parameters: Record<string, unknown>): MockChatParameters {
  return (parameters.mockChat as MockChatParameters | undefined) ?? {};
}

/** Storybook loader: a reset mock server and connected clients for the story. */
// Typed by what it reads, not as `Loader` (args: StrictArgs), so that it fits any story's args.
export const mockChatLoader = async ({
  parameters,
}: {
  parameters: Record<string, unknown>;
}): Promise<{ chat: LoadedChat }> => {
  const options = parametersOf(parameters);
  for (const client of liveClients.splice(0)) client.destroy();
  const server = await storyServer();
  server.reset();
  server.goOnline();
  await options.setup?.(server);
  if (options.offline) server.goOffline();
  const client = makeClient(server, options.userId ?? 'u-alice');
  const others: Record<string, ChatClient> = {};
  for (const userId of options.otherUserIds ?? []) others[userId] = makeClient(server, userId);
  if (options.connect !== false) {
    const all = [client, ...Object.values(others)];
    for (const each of all) each.connect();
    if (!options.offline) await Promise.all(all.map((each) => each.waitForConnection()));
  }
  const chat: LoadedChat = { server, client, others };
  return { chat };
};

/** Storybook decorator: the story under a `ChatProvider` of the loaded client. */
export const withMockChat: Decorator = (Story, context) => {
  const chat = (context.loaded as { chat?: LoadedChat }).chat;
  if (!chat) throw new Error('withMockChat needs mockChatLoader in the same story or preview');
  const options = parametersOf(context.parameters);
  const globals = context.globals as { locale?: ChatLocale; theme?: ChatTheme };
  return (
    <StoryFrame
      controls={
        options.controls === false ? null : (
          <MockControls
            server={chat.server}
            conversationId={options.conversationId ?? 'c-lyon-t2'}
            userId={options.userId ?? 'u-alice'}
          />
        )
      }
    >
      <ChatProvider
        client={chat.client}
        locale={globals.locale ?? 'fr'}
        theme={globals.theme ?? 'light'}
      >
        <Story />
      </ChatProvider>
    </StoryFrame>
  );
};

function StoryFrame({ controls, children }: { controls: ReactNode; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      {controls}
      {children}
    </div>
  );
}
