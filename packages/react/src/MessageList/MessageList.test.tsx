import { act, screen, waitFor, within } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import {
  connectedClient,
  destroyClients,
  makeClient,
  server,
} from '../hooks/test-chat.test-fixtures';
import { dayLabel } from '../i18n';
import { defaultStrings } from '../i18n';
import { ChatProvider } from '../provider';
import { MessageList } from './MessageList';
import {
  CONV,
  WAIT,
  distanceFromEnd,
  frames,
  pushImageMessage,
  renderList,
  viewportOf,
} from './test-list.test-fixtures';

beforeAll(() => server.listen());
afterEach(() => {
  destroyClients();
  server.reset();
});
afterAll(() => server.close());

const bubbleOf = (text: string) => {
  const node = screen.getByText(text, { exact: false });
  const bubble = node.closest<HTMLElement>('.causette-message-bubble');
  if (!bubble) throw new Error(`no bubble for ${text}`);
  return bubble;
};

describe('MessageList: what it shows', () => {
  it('renders c-lyon-t2 from the bottom, with a day separator at the top of the loaded page', async () => {
    const client = await connectedClient();
    const { container } = renderList(client);
    const log = screen.getByRole('log', { name: 'Messages' });
    expect(log).toHaveAttribute('tabindex', '0');
    expect(log).not.toHaveAttribute('aria-live');
    await screen.findByText('À samedi, je vous attends devant l’immeuble. (120)', {}, WAIT);
    await waitFor(
      () => expect(distanceFromEnd(viewportOf(container))).toBeLessThanOrEqual(24),
      WAIT,
    );
  });

  it('opens each day with a separator (c-croix-rousse, all loaded)', async () => {
    const client = await connectedClient();
    const { container } = renderList(client, { conversationId: 'c-croix-rousse' });
    await screen.findByText('Je peux envoyer mon dossier ce soir.', {}, WAIT);
    const first = server.state.messages('c-croix-rousse')[0];
    if (!first) throw new Error('seed');
    const label = dayLabel(new Date(first.createdAt), Date.now(), 'fr', defaultStrings.fr);
    expect(["Aujourd'hui", 'Hier']).toContain(label);
    const row = container.querySelector('[data-index="0"]');
    expect(row?.querySelector('.causette-message-list__day')).toHaveTextContent(label);
    expect(row?.querySelector('time')).toHaveAttribute('datetime');
    // The separator is drawn once a day, not above every message.
    const days = container.querySelectorAll('.causette-message-list__day');
    expect(days.length).toBeLessThanOrEqual(2);
  });

  it('groups consecutive messages of one sender under one name', async () => {
    const client = await connectedClient();
    renderList(client);
    await screen.findByText(/\(120\)/, {}, WAIT);
    server.sendAs('u-bruno', CONV, 'Premier de la série');
    server.sendAs('u-bruno', CONV, 'Second de la série');
    await screen.findByText('Second de la série', {}, WAIT);
    const first = bubbleOf('Premier de la série');
    const second = bubbleOf('Second de la série');
    expect(first).toHaveClass('causette-message-bubble--group-start');
    expect(within(first).getByText('Bruno Lefèvre')).toBeVisible();
    expect(second).not.toHaveClass('causette-message-bubble--group-start');
    expect(second.querySelector('.causette-message-bubble__sender')).toBeNull();
    // A screen reader still hears who wrote it.
    expect(second).toHaveTextContent(/Bruno Lefèvre\s:/);
  });

  it('shows text literally, keeps line breaks, and links only http(s)', async () => {
    const client = await connectedClient();
    renderList(client);
    await screen.findByText(/\(120\)/, {}, WAIT);
    server.sendAs(
      'u-bruno',
      CONV,
      '<b>gras</b> <img src=x onerror=alert(1)>\nvoir https://example.com/annonce?id=4. et javascript:alert(1)',
    );
    const text = await screen.findByText(/<b>gras<\/b>/, {}, WAIT);
    expect(text.querySelector('b, img')).toBeNull();
    expect(text.textContent).toContain('<img src=x onerror=alert(1)>\nvoir');
    expect(getComputedStyle(text).whiteSpace).toBe('pre-wrap');
    const link = within(text).getByRole('link', { name: 'https://example.com/annonce?id=4' });
    expect(link).toHaveAttribute('href', 'https://example.com/annonce?id=4');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(within(text).getAllByRole('link')).toHaveLength(1);
    expect(text).toHaveTextContent('javascript:alert(1)');
  });

  it('shows the loading state, then the empty state of a conversation without messages', async () => {
    const loading = renderList(makeClient('u-alice'));
    const log = viewportOf(loading.container);
    expect(log).toHaveAttribute('aria-busy', 'true');
    expect(within(log).getByText('Chargement…')).toBeVisible();
    loading.unmount();
    // Bruno and Chloé have no conversation: one is opened, empty.
    const client = await connectedClient('u-bruno');
    const opened = await client.openConversation({ participantIds: ['u-chloe'] });
    const { container } = renderList(client, { conversationId: opened.id });
    await within(viewportOf(container)).findByText(/Aucun message pour le moment/, {}, WAIT);
    expect(viewportOf(container)).not.toHaveAttribute('aria-busy');
  });

  it('renders on a server with a client that is not connected', () => {
    const html = renderToString(
      <ChatProvider client={makeClient()}>
        <MessageList conversationId={CONV} />
      </ChatProvider>,
    );
    expect(html).toContain('role="log"');
    expect(html).toContain('Chargement…');
    expect(html).toContain('causette-message-list');
  });

  it('takes replacement parts', async () => {
    const client = await connectedClient();
    renderList(client, {
      components: {
        Message: ({ message }) => <p data-testid="mine">{message.content}</p>,
        DaySeparator: ({ label }) => <p data-testid="day">{label}</p>,
      },
    });
    // The list is first drawn from the top, then placed at the bottom: the last message comes
    // with the placement, which a loaded machine may not have reached yet.
    const last = await screen.findByText(/\(120\)/, {}, WAIT);
    expect(last).toHaveAttribute('data-testid', 'mine');
    expect(screen.getAllByTestId('mine').length).toBeGreaterThan(3);
  });
});

describe('MessageList: delivery states', () => {
  it('shows sending, then sent, then read by the other', async () => {
    const client = await connectedClient();
    renderList(client);
    await screen.findByText(/\(120\)/, {}, WAIT);
    // Long enough that a loaded machine still renders "Envoi…" before the ack comes.
    server.setLatency(1000);
    client.sendMessage(CONV, { content: 'Je confirme la visite' });
    await waitFor(
      () => expect(bubbleOf('Je confirme la visite')).toHaveTextContent('Envoi…'),
      WAIT,
    );
    await waitFor(
      () => expect(bubbleOf('Je confirme la visite')).toHaveTextContent('Envoyé'),
      WAIT,
    );
    server.setLatency(0);
    const bruno = await connectedClient('u-bruno');
    await bruno.loadOlderMessages(CONV);
    await bruno.markRead(CONV);
    await waitFor(() => expect(bubbleOf('Je confirme la visite')).toHaveTextContent('Lu'), WAIT);
  });

  it('shows a failed message with its error; Réessayer sends it, Supprimer deletes it', async () => {
    const client = await connectedClient();
    renderList(client);
    await screen.findByText(/\(120\)/, {}, WAIT);
    server.failNext('message:send', { code: 'INVALID', message: 'Refusé par le serveur' });
    client.sendMessage(CONV, { content: 'Premier essai' });
    await waitFor(
      () => expect(bubbleOf('Premier essai')).toHaveTextContent("Échec de l'envoi"),
      WAIT,
    );
    expect(bubbleOf('Premier essai')).toHaveTextContent('Refusé par le serveur');
    await userEvent.click(
      within(bubbleOf('Premier essai')).getByRole('button', { name: 'Réessayer' }),
    );
    await waitFor(() => expect(bubbleOf('Premier essai')).toHaveTextContent('Envoyé'), WAIT);
    expect(within(bubbleOf('Premier essai')).queryByRole('button')).toBeNull();
    expect(server.state.messages(CONV).at(-1)?.content).toBe('Premier essai');

    server.failNext('message:send', { code: 'INVALID' });
    client.sendMessage(CONV, { content: 'À jeter' });
    const discard = await waitFor(
      () => within(bubbleOf('À jeter')).getByRole('button', { name: 'Supprimer' }),
      WAIT,
    );
    await userEvent.click(discard);
    await waitFor(() => expect(screen.queryByText('À jeter')).toBeNull(), WAIT);
    expect(client.getSnapshot().messages[CONV]?.pending).toHaveLength(0);
  });
});

describe('MessageList: images', () => {
  it('reserves the image’s size before it loads', async () => {
    const client = await connectedClient();
    renderList(client);
    await screen.findByText(/\(120\)/, {}, WAIT);
    // A URL that never loads: the box keeps the attachment's proportions anyway.
    pushImageMessage(server, 'u-alice', 'u-bruno', { url: 'https://images.invalid/a.jpg' });
    const img = await screen.findByRole('img', { name: 'Image envoyée par Bruno Lefèvre' }, WAIT);
    expect(img).toHaveAttribute('width', '800');
    expect(img).toHaveAttribute('height', '600');
    const box = img.getBoundingClientRect();
    expect(box.width).toBeCloseTo(240, 0);
    expect(box.height).toBeCloseTo(180, 0);
  });

  it('opens the full image in a modal lightbox; Escape closes it and focus returns', async () => {
    const client = await connectedClient();
    const { container } = renderList(client);
    await screen.findByText(/\(120\)/, {}, WAIT);
    pushImageMessage(server, 'u-alice', 'u-bruno');
    const opener = await screen.findByRole(
      'button',
      { name: 'Image envoyée par Bruno Lefèvre' },
      WAIT,
    );
    await waitFor(
      () => expect(distanceFromEnd(viewportOf(container))).toBeLessThanOrEqual(24),
      WAIT,
    );
    const top = opener.getBoundingClientRect().top;
    await frames(3);
    // Loading the picture moved nothing.
    expect(opener.getBoundingClientRect().top).toBeCloseTo(top, 0);
    await userEvent.click(opener);
    const dialog = await screen.findByRole('dialog', { name: 'Image envoyée par Bruno Lefèvre' });
    expect(dialog).toHaveAttribute('open');
    const close = within(dialog).getByRole('button', { name: 'Fermer' });
    expect(close).toHaveFocus();
    // Modal: the page behind is inert, Tab stays in the dialog.
    await userEvent.tab();
    expect(close).toHaveFocus();
    await userEvent.tab({ shift: true });
    expect(close).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(opener).toHaveFocus();
    // The close button too.
    await userEvent.click(opener);
    await userEvent.click(await screen.findByRole('button', { name: 'Fermer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(opener).toHaveFocus();
    await act(async () => undefined);
  });
});
