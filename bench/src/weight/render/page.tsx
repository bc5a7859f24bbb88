/// <reference lib="dom" />
// The page Chromium runs (bundled by bundle-page.ts): mounts a list of a long conversation, times
// it until the last message is in the DOM, then times one new message, as packages/react's
// MessageList test does ("[perf]" in MessageList.scroll.test.tsx), with production React.
import { ChatProvider, MessageList } from '@causette/react';
import '@causette/react/styles.css';
import {
  ChatContainer,
  MainContainer,
  Message,
  MessageList as ChatscopeMessageList,
} from '@chatscope/chat-ui-kit-react';
import '@chatscope/chat-ui-kit-styles/dist/default/styles.min.css';
import { type ReactElement, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { CONV, type LongThreadClient, longThreadClient } from './fake-client';
import type { PageTiming, RenderSeriesKey } from './page-protocol';

const WAIT_MS = 30_000;

/** Resolves with the time at which `test` first holds, checked after every DOM mutation. */
function whenDom(root: HTMLElement, test: () => boolean, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    if (test()) {
      resolve(performance.now());
      return;
    }
    const observer = new MutationObserver(() => {
      if (!test()) return;
      const at = performance.now();
      observer.disconnect();
      clearTimeout(timer);
      resolve(at);
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${what} not in the DOM after ${WAIT_MS} ms`));
    }, WAIT_MS);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  });
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** Waits, frame by frame, until the scroll container is at its end (the list has settled). */
async function settledAtEnd(viewport: () => HTMLElement | null): Promise<void> {
  const deadline = performance.now() + WAIT_MS;
  for (;;) {
    await frame();
    const box = viewport();
    if (box && box.scrollHeight - box.scrollTop - box.clientHeight <= 24) break;
    if (performance.now() > deadline) throw new Error('the list did not settle at its end');
  }
  await frame();
  await frame();
}

/** Every message in the DOM, scrolled to the end on each change: the naive list. */
function PlainList({ client }: { client: LongThreadClient }) {
  const state = useSyncExternalStore(client.subscribe, client.getSnapshot);
  const items = state.messages[CONV]?.sent ?? [];
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [items.length]);
  return (
    <div ref={box} role="log" style={{ height: 400, width: 360, overflowY: 'auto' }}>
      <ol>
        {items.map((message) => (
          <li key={message.id} data-row-key={message.id}>
            <b>{message.senderId}</b> {message.content}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** A peer kit's list (chatscope: every message in the DOM, sticks to the bottom by itself). */
function ChatscopeList({ client }: { client: LongThreadClient }) {
  const state = useSyncExternalStore(client.subscribe, client.getSnapshot);
  const items = state.messages[CONV]?.sent ?? [];
  return (
    <div style={{ height: 400, width: 360 }}>
      <MainContainer>
        <ChatContainer>
          <ChatscopeMessageList>
            {items.map((message) => (
              <Message
                key={message.id}
                model={{
                  message: message.content,
                  sender: message.senderId,
                  direction: message.senderId === 'u-alice' ? 'outgoing' : 'incoming',
                  position: 'single',
                }}
              />
            ))}
          </ChatscopeMessageList>
        </ChatContainer>
      </MainContainer>
    </div>
  );
}

function CausetteList({ client }: { client: LongThreadClient }) {
  return (
    <ChatProvider client={client} locale="fr">
      <div style={{ height: 400, width: 360 }}>
        <MessageList conversationId={CONV} />
      </div>
    </ChatProvider>
  );
}

/** Each list, where it scrolls, and what one of its rows is. */
const LISTS: Record<
  RenderSeriesKey,
  { element: (client: LongThreadClient) => ReactElement; viewport: string; row: string }
> = {
  causette: {
    element: (client) => <CausetteList client={client} />,
    viewport: '[role="log"]',
    row: '[data-row-key]',
  },
  plain: {
    element: (client) => <PlainList client={client} />,
    viewport: '[role="log"]',
    row: '[data-row-key]',
  },
  chatscope: {
    element: (client) => <ChatscopeList client={client} />,
    viewport: '.cs-message-list .scrollbar-container',
    row: '.cs-message',
  },
};

async function run(series: RenderSeriesKey, count: number): Promise<PageTiming> {
  const list = LISTS[series];
  const client = longThreadClient(count);
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  const has = (text: string) => () => container.textContent?.includes(text) ?? false;
  try {
    const mountStart = performance.now();
    const mounted = whenDom(container, has(`Message ${count}`), 'the last message');
    root.render(list.element(client));
    const mountMs = (await mounted) - mountStart;
    await settledAtEnd(() => container.querySelector<HTMLElement>(list.viewport));

    const newStart = performance.now();
    const shown = whenDom(container, has('Le tout dernier'), 'the new message');
    client.push('u-bruno', 'Le tout dernier');
    const newMessageMs = (await shown) - newStart;
    await frame();
    return {
      mountMs,
      newMessageMs,
      domRows: container.querySelectorAll(list.row).length,
    };
  } finally {
    root.unmount();
    container.remove();
  }
}

Object.assign(window, { causetteBench: { run } });
