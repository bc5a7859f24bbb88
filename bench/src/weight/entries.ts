// What each row of the weight table bundles: a small app entry that uses what a minimal chat app
// uses (create a client, connect, listen, send), so tree-shaking keeps what a real page loads and
// no more. Every entry is bundled with the same options (bundle-entry.ts).

export type SeriesName = 'causette' | 'baseline';

/** A client SDK, or a React UI kit (rendered with react and react-dom left out). */
export type EntryKind = 'client' | 'ui-kit';

export interface WeightEntry {
  /** The row's name in the table. */
  name: string;
  series: SeriesName;
  kind: EntryKind;
  /** Packages whose installed versions the row names, the measured one first. */
  packages: readonly string[];
  /** The entry module's source (JSX allowed), resolved from the bench package. */
  source: string;
  /** Left out of the bundle besides react and react-dom (the app's own copy). */
  external?: readonly string[];
  /** Bundled by `--quick` too. */
  quick?: boolean;
  /** The stylesheet the kit's docs have apps import, measured on its own. */
  stylesheet?: string;
  /** `[parent, dependency]`: the stylesheet's package is `parent`'s dependency, not the bench's. */
  alias?: readonly [parent: string, dependency: string];
}

/** Left out of every bundle: the app has React already, as every UI kit expects. */
export const REACT_EXTERNAL = ['react', 'react/*', 'react-dom', 'react-dom/*'] as const;

/** chatscope's stylesheet is a package of its own, a dependency of the kit. */
export const CHATSCOPE_STYLES = '@chatscope/chat-ui-kit-styles';

/** The entry every ratio is taken against. */
export const REFERENCE_ENTRY = '@causette/core';

/** Wraps a minimal session in an exported function, so nothing runs at import and all is kept. */
const app = (imports: string, body: string) =>
  `${imports}\nexport async function startChat(token) {\n${body}\n}\n`;

/** A React app whose exported `mount(container)` renders `element` with createRoot. */
const reactApp = (imports: string, setUp: string, element: string) =>
  `${imports}\nimport { createRoot } from 'react-dom/client';\n${setUp}\n` +
  `export function mount(container) {\n  createRoot(container).render(${element});\n}\n`;

const causetteClient = (from: string) =>
  app(
    `import { createChatClient } from '${from}';`,
    `  const client = createChatClient({ url: 'https://chat.example.com', getToken: async () => token });
  client.connect();
  client.subscribe(() => console.log(client.getSnapshot()));
  client.on('message', (message) => console.log(message));
  await client.waitForConnection();
  await client.loadConversation('c-1');
  client.sendMessage('c-1', { content: 'Bonjour !' });`,
  );

const CAUSETTE_REACT = reactApp(
  `import { createChatClient } from '@causette/core';
import { ChatProvider, ChatWindow } from '@causette/react';`,
  `const client = createChatClient({ url: 'https://chat.example.com', getToken: async () => 'token' });
client.connect();`,
  `<ChatProvider client={client}><ChatWindow conversationId="c-1" /></ChatProvider>`,
);

const STREAM_CHAT_REACT = reactApp(
  `import { StreamChat } from 'stream-chat';
import { Channel, ChannelHeader, Chat, MessageComposer, MessageList, Window } from 'stream-chat-react';`,
  `const client = StreamChat.getInstance('api-key');
client.connectUser({ id: 'u-1' }, 'token');
const channel = client.channel('messaging', 'c-1');`,
  `<Chat client={client}><Channel channel={channel}><Window><ChannelHeader /><MessageList /><MessageComposer /></Window></Channel></Chat>`,
);

const SENDBIRD_UIKIT = reactApp(
  `import SendbirdProvider from '@sendbird/uikit-react/SendbirdProvider';
import GroupChannel from '@sendbird/uikit-react/GroupChannel';`,
  '',
  `<SendbirdProvider appId="app-id" userId="u-1" accessToken="token"><GroupChannel channelUrl="c-1" /></SendbirdProvider>`,
);

// chatscope is presentational only: the app keeps the messages and sends them itself.
const CHATSCOPE = reactApp(
  `import { useState } from 'react';
import { ChatContainer, MainContainer, Message, MessageInput, MessageList } from '@chatscope/chat-ui-kit-react';`,
  `function App() {
  const [messages, setMessages] = useState([]);
  return <MainContainer><ChatContainer>
    <MessageList>{messages.map((m, i) => <Message key={i} model={{ message: m, direction: 'outgoing', position: 'single' }} />)}</MessageList>
    <MessageInput onSend={(text) => setMessages([...messages, text])} />
  </ChatContainer></MainContainer>;
}`,
  `<App />`,
);

export const ENTRIES: readonly WeightEntry[] = [
  {
    name: '@causette/core',
    series: 'causette',
    kind: 'client',
    packages: ['@causette/core'],
    source: causetteClient('@causette/core'),
    quick: true,
  },
  {
    name: '@causette/core/websocket',
    series: 'causette',
    kind: 'client',
    packages: ['@causette/core'],
    source: causetteClient('@causette/core/websocket'),
    quick: true,
  },
  {
    name: '@causette/react (core external)',
    series: 'causette',
    kind: 'ui-kit',
    packages: ['@causette/react'],
    source: CAUSETTE_REACT,
    external: ['@causette/core', '@causette/protocol'],
    quick: true,
    stylesheet: '@causette/react/styles.css',
  },
  {
    name: '@causette/react + @causette/core',
    series: 'causette',
    kind: 'ui-kit',
    packages: ['@causette/react', '@causette/core'],
    source: CAUSETTE_REACT,
    stylesheet: '@causette/react/styles.css',
    quick: true,
  },
  {
    name: 'stream-chat',
    series: 'baseline',
    kind: 'client',
    packages: ['stream-chat'],
    source: app(
      `import { StreamChat } from 'stream-chat';`,
      `  const client = StreamChat.getInstance('api-key');
  await client.connectUser({ id: 'u-1' }, token);
  const channel = client.channel('messaging', 'c-1');
  channel.on('message.new', (event) => console.log(event.message));
  await channel.watch();
  await channel.sendMessage({ text: 'Bonjour !' });`,
    ),
    quick: true,
  },
  {
    name: '@ably/chat + ably',
    series: 'baseline',
    kind: 'client',
    packages: ['@ably/chat', 'ably'],
    source: app(
      `import * as Ably from 'ably';
import { ChatClient } from '@ably/chat';`,
      `  const realtime = new Ably.Realtime({ token, clientId: 'u-1' });
  const chat = new ChatClient(realtime);
  const room = await chat.rooms.get('c-1');
  room.messages.subscribe((event) => console.log(event.message));
  await room.attach();
  await room.messages.send({ text: 'Bonjour !' });`,
    ),
    quick: true,
  },
  {
    name: '@sendbird/chat',
    series: 'baseline',
    kind: 'client',
    packages: ['@sendbird/chat'],
    source: app(
      `import SendbirdChat from '@sendbird/chat';
import { GroupChannelHandler, GroupChannelModule } from '@sendbird/chat/groupChannel';`,
      `  const sb = SendbirdChat.init({ appId: 'app-id', modules: [new GroupChannelModule()] });
  await sb.connect('u-1', token);
  sb.groupChannel.addGroupChannelHandler('h', new GroupChannelHandler({ onMessageReceived: (_, message) => console.log(message) }));
  const channel = await sb.groupChannel.getChannel('c-1');
  channel.sendUserMessage({ message: 'Bonjour !' }).onSucceeded((message) => console.log(message));`,
    ),
  },
  {
    name: '@pubnub/chat',
    series: 'baseline',
    kind: 'client',
    packages: ['@pubnub/chat', 'pubnub'],
    source: app(
      `import { Chat } from '@pubnub/chat';`,
      `  const chat = await Chat.init({ publishKey: 'pub', subscribeKey: 'sub', userId: 'u-1', authKey: token });
  const channel = await chat.getChannel('c-1');
  channel.connect((message) => console.log(message));
  await channel.sendText('Bonjour !');`,
    ),
  },
  {
    name: '@twilio/conversations',
    series: 'baseline',
    kind: 'client',
    packages: ['@twilio/conversations'],
    source: app(
      `import { Client } from '@twilio/conversations';`,
      `  const client = new Client(token);
  const conversation = await client.getConversationBySid('c-1');
  conversation.on('messageAdded', (message) => console.log(message));
  await conversation.sendMessage('Bonjour !');`,
    ),
  },
  {
    name: 'stream-chat-react (stream-chat external)',
    series: 'baseline',
    kind: 'ui-kit',
    packages: ['stream-chat-react'],
    source: STREAM_CHAT_REACT,
    external: ['stream-chat'],
    stylesheet: 'stream-chat-react/css/index.css',
  },
  {
    name: 'stream-chat-react + stream-chat',
    series: 'baseline',
    kind: 'ui-kit',
    packages: ['stream-chat-react', 'stream-chat'],
    source: STREAM_CHAT_REACT,
    stylesheet: 'stream-chat-react/css/index.css',
  },
  {
    name: '@sendbird/uikit-react (@sendbird/chat external)',
    series: 'baseline',
    kind: 'ui-kit',
    packages: ['@sendbird/uikit-react'],
    source: SENDBIRD_UIKIT,
    external: ['@sendbird/chat', '@sendbird/chat/*'],
    stylesheet: '@sendbird/uikit-react/dist/index.css',
  },
  {
    name: '@sendbird/uikit-react + @sendbird/chat',
    series: 'baseline',
    kind: 'ui-kit',
    packages: ['@sendbird/uikit-react', '@sendbird/chat'],
    source: SENDBIRD_UIKIT,
    stylesheet: '@sendbird/uikit-react/dist/index.css',
  },
  {
    name: '@chatscope/chat-ui-kit-react (no client)',
    series: 'baseline',
    kind: 'ui-kit',
    packages: ['@chatscope/chat-ui-kit-react'],
    source: CHATSCOPE,
    stylesheet: `${CHATSCOPE_STYLES}/dist/default/styles.min.css`,
    alias: ['@chatscope/chat-ui-kit-react', CHATSCOPE_STYLES],
  },
];

/** The entries of a run: all of them, or the quick subset. */
export function entriesFor(quick: boolean): WeightEntry[] {
  return ENTRIES.filter((entry) => !quick || entry.quick === true);
}
