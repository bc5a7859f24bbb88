import type { SearchHit } from '@causette/protocol';
import { render, screen, waitFor, within } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { destroyClients, makeClient, server } from '../hooks/test-chat.test-fixtures';
import { defaultStrings } from '../i18n';
import { ChatProvider } from '../provider';
import { MessageSearch, type MessageSearchProps } from './MessageSearch';
import { parseSnippet } from './Snippet';

const WAIT = { timeout: 10_000 };

beforeAll(() => server.listen());
afterEach(() => {
  destroyClients();
  server.reset();
});
afterAll(() => server.close());

function setup(props: Partial<MessageSearchProps> = {}, locale: 'fr' | 'en' = 'fr') {
  const client = makeClient('u-alice');
  client.connect();
  const onOpenMessage = vi.fn<(hit: SearchHit) => void>();
  render(
    <ChatProvider client={client} locale={locale}>
      <MessageSearch onOpenMessage={onOpenMessage} searchAsYouType={false} {...props} />
    </ChatProvider>,
  );
  const input = screen.getByRole('searchbox', {
    name: defaultStrings[locale].searchLabel,
  });
  return { client, onOpenMessage, input };
}

async function submit(input: HTMLElement, query: string) {
  await userEvent.clear(input);
  await userEvent.type(input, query);
  await userEvent.keyboard('{Enter}');
}

const results = () => screen.findByRole('list', { name: 'Résultats de la recherche' }, WAIT);

describe('parseSnippet', () => {
  it('marks only between the literal <mark> tags and keeps any other markup as text', () => {
    expect(
      parseSnippet('<img src=x onerror=alert(1)> <b><mark>balcon</mark></b> &lt;mark&gt;x&amp;lt;'),
    ).toEqual([
      { text: '<img src=x onerror=alert(1)> <b>', marked: false },
      { text: 'balcon', marked: true },
      { text: '</b> <mark>x&lt;', marked: false },
    ]);
    // Unbalanced tags neither throw nor leak.
    expect(parseSnippet('a</mark>b<mark>c')).toEqual([
      { text: 'ab', marked: false },
      { text: 'c', marked: true },
    ]);
    expect(parseSnippet('')).toEqual([]);
  });
});

describe('MessageSearch', () => {
  it('finds a seeded message, highlights it, and opens it with a click', async () => {
    const { input, onOpenMessage } = setup();
    await submit(input, 'entierement meuble');
    const list = await results();
    const [hit] = within(list).getAllByRole('button');
    expect(hit).toHaveTextContent('Avec Chloé');
    const marks = hit!.querySelectorAll('mark');
    expect([...marks].map((m) => m.textContent)).toEqual(['entièrement', 'meublé']);
    expect(screen.getByRole('status')).toHaveTextContent('1 résultat');
    await userEvent.click(hit!);
    expect(onOpenMessage).toHaveBeenCalledOnce();
    expect(onOpenMessage.mock.calls[0]![0]).toMatchObject({
      message: { conversationId: 'c-croix-rousse', content: 'Oui, entièrement meublé et équipé.' },
    });
  });

  it('renders hostile markup in a message as text, never as elements', async () => {
    const { input } = setup();
    await waitFor(() => expect(server.state.connectedUsers()).toContain('u-alice'), WAIT);
    server.sendAs('u-bruno', 'c-lyon-t2', '<img src=x onerror=alert(1)> <b>zorglub</b> & co');
    await submit(input, 'zorglub');
    const list = await results();
    const [hit] = within(list).getAllByRole('button');
    expect(hit!.querySelector('img')).toBeNull();
    expect(hit!.querySelector('b')).toBeNull();
    expect(hit!.querySelector('mark')).toHaveTextContent(/^zorglub$/);
    expect(hit).toHaveTextContent('<img src=x onerror=alert(1)> <b>zorglub</b> & co');
  });

  it('says when nothing matches, and when the search failed', async () => {
    const { input } = setup();
    await submit(input, 'zzzintrouvable');
    // French typography: narrow no-break spaces inside the quotes.
    await waitFor(
      () =>
        expect(screen.getByRole('status').textContent).toBe(
          'Aucun message ne contient «\u202fzzzintrouvable\u202f».',
        ),
      WAIT,
    );
    expect(screen.queryByRole('list')).toBeNull();

    server.failNext('message:search', { code: 'INTERNAL' });
    await submit(input, 'balcon');
    await waitFor(
      () =>
        expect(screen.getByRole('status')).toHaveTextContent('La recherche a échoué. Réessayez.'),
      WAIT,
    );
    // Enter again retries.
    await userEvent.keyboard('{Enter}');
    const list = await results();
    expect(within(list).getAllByRole('button')).toHaveLength(12);
  });

  it('loads more results, moving the focus to the first new one', async () => {
    const { input } = setup();
    await submit(input, 'samedi');
    const list = await results();
    expect(within(list).getAllByRole('button')).toHaveLength(20);
    expect(screen.getByRole('status')).toHaveTextContent('Plus de 20 résultats');
    await userEvent.click(screen.getByRole('button', { name: 'Plus de résultats' }));
    await waitFor(() => expect(within(list).getAllByRole('button')).toHaveLength(40), WAIT);
    await waitFor(() => expect(within(list).getAllByRole('button')[20]).toHaveFocus(), WAIT);
    await userEvent.click(screen.getByRole('button', { name: 'Plus de résultats' }));
    await waitFor(() => expect(within(list).getAllByRole('button')).toHaveLength(48), WAIT);
    expect(screen.queryByRole('button', { name: 'Plus de résultats' })).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('48 résultats');
  });

  it('searches one conversation only, and is usable from the keyboard', async () => {
    const { input, onOpenMessage } = setup({ conversationId: 'c-lyon-t2' });
    await submit(input, 'disponible');
    const list = await results();
    const hits = within(list).getAllByRole('button');
    expect(hits.length).toBeGreaterThan(0);
    // One conversation: no "Avec …" on each hit.
    expect(list).not.toHaveTextContent('Avec');
    // Tab past the clear and submit buttons to the first hit, and open it with Enter.
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.tab();
    expect(hits[0]).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(onOpenMessage).toHaveBeenCalledOnce();
    for (const call of onOpenMessage.mock.calls) {
      expect(call[0].message.conversationId).toBe('c-lyon-t2');
    }
    // Escape in the box clears the search.
    await userEvent.click(input);
    await userEvent.keyboard('{Escape}');
    expect(input).toHaveValue('');
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('searches as the user types, after a pause, in English', async () => {
    const client = makeClient('u-alice');
    client.connect();
    const onOpenMessage = vi.fn();
    render(
      <ChatProvider client={client} locale="en">
        <MessageSearch onOpenMessage={onOpenMessage} />
      </ChatProvider>,
    );
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search messages' }), 'balcon');
    const list = await screen.findByRole('list', { name: 'Search results' }, WAIT);
    expect(within(list).getAllByRole('button')).toHaveLength(12);
    expect(screen.getByRole('status')).toHaveTextContent('12 results');
    // Not one search per keystroke (five of the six would qualify), and the last for the word.
    const queries = server
      .receivedBy('u-alice')
      .filter((e) => e.event === 'message:search')
      .map((e) => (e.payload as { query: string }).query);
    expect(queries.length).toBeLessThan(5);
    expect(queries.at(-1)).toBe('balcon');
    await userEvent.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(screen.queryByRole('list')).toBeNull();
    expect(screen.getByRole('searchbox')).toHaveFocus();
  });

  it('renders on a server with a client that is not connected', () => {
    const html = renderToString(
      <ChatProvider client={makeClient()}>
        <MessageSearch onOpenMessage={() => undefined} className="mine" />
      </ChatProvider>,
    );
    expect(html).toContain('causette-message-search mine');
    expect(html).toContain('role="search"');
  });
});
