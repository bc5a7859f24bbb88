import { act, render, screen, waitFor } from '@testing-library/react';
import { Profiler } from 'react';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  connectedClient,
  destroyClients,
  makeClient,
  server,
} from '../hooks/test-chat.test-fixtures';
import { defaultStrings } from '../i18n';
import { ChatProvider } from '../provider';
import { TypingIndicator, typingText } from './TypingIndicator';

const LIST = { loadConversations: true };

const CONV = 'c-lyon-t2';
const WAIT = { timeout: 10_000 };

beforeAll(() => server.listen());
afterEach(() => {
  destroyClients();
  server.reset();
});
afterAll(() => server.close());

const typing = (userId: string, isTyping: boolean) =>
  server.emit('u-alice', 'typing:update', { conversationId: CONV, userId, isTyping });

describe('TypingIndicator', () => {
  it('says who is typing, live, and empties when they stop', async () => {
    const client = await connectedClient('u-alice', LIST);
    render(
      <ChatProvider client={client}>
        <TypingIndicator conversationId={CONV} className="mine" />
      </ChatProvider>,
    );
    const status = screen.getByRole('status');
    expect(status).toHaveClass('causette', 'causette-typing-indicator', 'mine');
    expect(status).toBeEmptyDOMElement();
    typing('u-bruno', true);
    await waitFor(
      () => expect(status).toHaveTextContent("Bruno Lefèvre est en train d'écrire…"),
      WAIT,
    );
    // The dots are decoration: the status reads the sentence only.
    expect(status.querySelector('.causette-typing-indicator__dots')).toHaveAttribute(
      'aria-hidden',
      'true',
    );
    typing('u-bruno', false);
    await waitFor(() => expect(status).toBeEmptyDOMElement(), WAIT);
  });

  it('never shows the signed-in user, and speaks English', async () => {
    const client = await connectedClient('u-alice', LIST);
    render(
      <ChatProvider client={client} locale="en">
        <TypingIndicator conversationId={CONV} />
      </ChatProvider>,
    );
    typing('u-alice', true);
    typing('u-bruno', true);
    await waitFor(
      () => expect(screen.getByRole('status')).toHaveTextContent('Bruno Lefèvre is typing…'),
      WAIT,
    );
  });

  it('names two people, and counts more', () => {
    const fr = defaultStrings.fr;
    expect(typingText([], fr)).toBe('');
    expect(typingText(['Marie'], fr)).toBe("Marie est en train d'écrire…");
    expect(typingText(['Marie', 'Bruno'], fr)).toBe("Marie et Bruno sont en train d'écrire…");
    expect(typingText(['Marie', 'Bruno', 'Chloé'], fr)).toBe("3 personnes sont en train d'écrire…");
    expect(typingText(['Marie', 'Bruno'], defaultStrings.en)).toBe('Marie and Bruno are typing…');
  });

  it('does not re-render for new messages, only for typing', async () => {
    const client = await connectedClient('u-alice', LIST);
    let renders = 0;
    render(
      <ChatProvider client={client}>
        <Profiler id="typing" onRender={() => (renders += 1)}>
          <TypingIndicator conversationId={CONV} />
        </Profiler>
      </ChatProvider>,
    );
    const settled = renders;
    const arrived = new Promise<void>((resolve) => client.on('message', () => resolve()));
    act(() => {
      server.sendAs('u-bruno', CONV, 'Un message, pas de frappe');
    });
    await arrived;
    // The conversation's preview and unread count changed in the store.
    await waitFor(
      () =>
        expect(client.getSnapshot().conversations.byId[CONV]?.lastMessage?.content).toBe(
          'Un message, pas de frappe',
        ),
      WAIT,
    );
    expect(renders).toBe(settled);
    typing('u-bruno', true);
    await waitFor(() => expect(renders).toBe(settled + 1), WAIT);
  });

  it('renders on a server with a client that is not connected', () => {
    const html = renderToString(
      <ChatProvider client={makeClient()}>
        <TypingIndicator conversationId={CONV} />
      </ChatProvider>,
    );
    expect(html).toContain('role="status"');
    expect(html).toContain('causette-typing-indicator');
  });
});
