import type { Conversation, Message } from '@causette/protocol';
import { render, screen, waitFor, within } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { destroyClients, makeClient, server, withProvider } from '../hooks/test-chat.test-fixtures';
import { defaultStrings } from '../i18n';
import { parseDate, previewTime } from '../i18n/dates';
import { ChatProvider } from '../provider';
import { activeClockCount } from '../utils/use-now';
import { ConversationList, type ConversationListProps } from './ConversationList';
import type { ConversationRowProps } from './ConversationRow';

beforeAll(() => server.listen());
afterEach(() => {
  destroyClients();
  server.reset();
});
afterAll(() => server.close());

const WAIT = { timeout: 10_000 };
const LYON = 'T2 Lyon 6e';
const CROIX = 'Studio meublé Croix-Rousse';
const REZE = 'Maison avec jardin à Rezé';
const SUBJECTS = [LYON, CROIX, REZE];

const list = () => screen.getByRole('list', { name: 'Conversations' });
const rows = () => within(list()).getAllByRole('listitem');
const row = (subject: string) => {
  const found = rows().find((li) => li.textContent?.includes(subject));
  if (!found) throw new Error(`no row for ${subject}`);
  return found;
};
const rowButton = (subject: string) =>
  row(subject).querySelector<HTMLButtonElement>('[data-causette-conversation]') as HTMLElement;
const order = () => rows().map((li) => SUBJECTS.find((s) => li.textContent?.includes(s)));

async function showList(props: Partial<ConversationListProps> = {}, count = 3) {
  const client = makeClient('u-alice');
  client.connect();
  const onSelect = vi.fn<(id: string) => void>();
  const view = render(<ConversationList onSelect={onSelect} {...props} />, {
    wrapper: withProvider(client),
  });
  await waitFor(() => expect(rows()).toHaveLength(count), WAIT);
  return { client, onSelect, ...view };
}

describe('ConversationList', () => {
  it('shows each conversation with its preview, time and unread badge, newest first', async () => {
    const { container } = await showList({ className: 'mine' });
    expect(container.firstElementChild).toHaveClass(
      'causette',
      'causette-conversation-list',
      'mine',
    );
    expect(order()).toEqual([LYON, CROIX, REZE]);
    const lyon = server.state.conversation('c-lyon-t2', 'u-alice');
    const lyonRow = within(row(LYON));
    expect(lyonRow.getByText('Bruno Lefèvre')).toBeVisible();
    expect(lyonRow.getByText(lyon.lastMessage?.content ?? '?')).toBeVisible();
    const at = parseDate(lyon.lastMessageAt) as Date;
    const time = row(LYON).querySelector('time');
    expect(time).toHaveAttribute('dateTime', lyon.lastMessageAt);
    expect(time).toHaveTextContent(previewTime(at, Date.now(), 'fr', defaultStrings.fr));
    expect(lyonRow.getByText('3 messages non lus')).toHaveTextContent('3');
    expect(row(LYON)).toHaveClass('causette-conversation-list__item--unread');
    expect(within(row(CROIX)).getByText('1 message non lu')).toBeVisible();
    expect(within(row(CROIX)).getByText('Chloé Dubois')).toBeVisible();
    // The rows' relative times and presence dots share the page's one clock.
    expect(activeClockCount()).toBe(1);
  });

  it('reorders live when a message arrives, and previews your own as "Vous : …"', async () => {
    await showList();
    rowButton(CROIX).focus();
    server.sendAs('u-bruno', 'c-reze-maison', 'Toujours disponible ?');
    await waitFor(() => expect(order()).toEqual([REZE, LYON, CROIX]), WAIT);
    expect(within(row(REZE)).getByText('Toujours disponible ?')).toBeVisible();
    // The focused row was moved in the DOM (React restores the focus it had): it keeps it.
    expect(rowButton(CROIX)).toHaveFocus();
    server.sendAs('u-alice', 'c-croix-rousse', 'Le dossier est bien arrivé.');
    await waitFor(() => expect(order()).toEqual([CROIX, REZE, LYON]), WAIT);
    const preview = row(CROIX).querySelector('.causette-conversation-list__preview');
    expect(preview?.textContent).toBe('Vous\u202f: Le dossier est bien arrivé.');
    expect(rowButton(CROIX)).toHaveFocus();
  });

  it('previews an image as "📷 Photo" with its caption, and a group’s sender by first name', async () => {
    await showList();
    const croix = server.state.conversation('c-croix-rousse', 'u-alice');
    const image: Message = {
      id: 'm-image-1',
      clientId: 'c-image-1',
      conversationId: 'c-croix-rousse',
      seq: croix.lastSeq + 1,
      senderId: 'u-chloe',
      type: 'IMAGE',
      content: 'La cuisine',
      attachment: {
        url: 'https://images.test/cuisine.jpg',
        publicId: 'cuisine',
        width: 800,
        height: 600,
        bytes: 52_000,
        format: 'jpg',
      },
      createdAt: new Date().toISOString(),
      readAt: null,
    };
    server.emit('u-alice', 'message:new', { message: image });
    await waitFor(() => expect(order()[0]).toBe(CROIX), WAIT);
    expect(row(CROIX).querySelector('.causette-conversation-list__preview')).toHaveTextContent(
      /^📷 Photo · La cuisine$/,
    );

    const group: Conversation = {
      id: 'c-group',
      subject: { type: 'listing', id: 'L-9', title: 'Colocation Part-Dieu' },
      members: [
        { userId: 'u-alice', displayName: 'Alice Martin', lastReadSeq: 0 },
        { userId: 'u-bruno', displayName: 'Bruno Lefèvre', lastReadSeq: 1 },
        { userId: 'u-chloe', displayName: 'Chloé Dubois', lastReadSeq: 0 },
      ],
      lastMessage: {
        ...image,
        id: 'm-g-1',
        clientId: 'g-1',
        conversationId: 'c-group',
        seq: 1,
        senderId: 'u-bruno',
        type: 'TEXT',
        content: 'On visite ensemble ?',
      },
      lastSeq: 1,
      lastMessageAt: new Date(Date.now() + 1000).toISOString(),
      unreadCount: 1,
      markedUnread: false,
    };
    delete group.lastMessage?.attachment;
    server.emit('u-alice', 'conversation:new', { conversation: group });
    const groupRow = await screen.findByText('Colocation Part-Dieu', {}, WAIT);
    const li = groupRow.closest('li') as HTMLElement;
    expect(within(li).getByText('Bruno Lefèvre, Chloé Dubois')).toBeVisible();
    expect(li.querySelector('.causette-conversation-list__preview')?.textContent).toBe(
      'Bruno\u202f: On visite ensemble ?',
    );
  });

  it('marks unread and read from the row’s menu, up to the server', async () => {
    await showList();
    await userEvent.click(
      within(row(CROIX)).getByRole('button', {
        name: 'Actions pour la conversation avec Chloé Dubois',
      }),
    );
    const menu = await screen.findByRole('menu', {
      name: 'Actions pour la conversation avec Chloé Dubois',
    });
    // Portalled outside the list, the menu carries the kit's root classes and theme itself.
    expect(menu).toHaveClass('causette', 'causette-conversation-menu');
    expect(menu).toHaveAttribute('data-causette-theme', 'light');
    // Chloé's last message is unread: only "mark as read" applies.
    expect(within(menu).getByRole('menuitem', { name: 'Marquer comme non lu' })).toBeDisabled();
    const read = within(menu).getByRole('menuitem', { name: 'Marquer comme lu' });
    await waitFor(() => expect(read).toHaveFocus());
    await userEvent.click(read);
    await waitFor(() => expect(within(row(CROIX)).queryByText(/non lu/)).toBeNull(), WAIT);
    expect(screen.queryByRole('menu')).toBeNull();
    await expect.poll(() => server.state.unread('u-alice', 'c-croix-rousse'), WAIT).toBe(0);
    expect(row(CROIX)).not.toHaveClass('causette-conversation-list__item--unread');

    const trigger = within(row(CROIX)).getByRole('button', {
      name: 'Actions pour la conversation avec Chloé Dubois',
    });
    await waitFor(() => expect(trigger).toHaveFocus());
    await userEvent.click(trigger);
    const again = await screen.findByRole('menu');
    expect(within(again).getByRole('menuitem', { name: 'Marquer comme lu' })).toBeDisabled();
    await userEvent.click(within(again).getByRole('menuitem', { name: 'Marquer comme non lu' }));
    expect(await within(row(CROIX)).findByText('1 message non lu', {}, WAIT)).toBeVisible();
    await expect.poll(() => server.state.unread('u-alice', 'c-croix-rousse'), WAIT).toBe(1);
    expect(server.state.conversation('c-croix-rousse', 'u-alice').markedUnread).toBe(true);
  });

  it('opens the menu from the keyboard, with arrows between its items and Escape', async () => {
    await showList();
    rowButton(LYON).focus();
    await userEvent.keyboard('{Tab}');
    const trigger = within(row(LYON)).getByRole('button', {
      name: 'Actions pour la conversation avec Bruno Lefèvre',
    });
    expect(trigger).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    const menu = await screen.findByRole('menu');
    const read = within(menu).getByRole('menuitem', { name: 'Marquer comme lu' });
    await waitFor(() => expect(read).toHaveFocus());
    await userEvent.keyboard('{ArrowDown}');
    // The only other item is disabled: the focus stays on the one that applies.
    expect(read).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
    expect(trigger).toHaveFocus();
    expect(server.state.unread('u-alice', 'c-lyon-t2')).toBe(3);
  });

  it('moves with the arrows, selects with Enter and Space, and toggles read with u / r', async () => {
    const { onSelect } = await showList();
    const buttons = within(list()).getAllByRole('button', { current: false });
    const mains = [rowButton(LYON), rowButton(CROIX), rowButton(REZE)];
    // One tab stop for the list: the first row and its actions button.
    expect(mains.map((b) => b.tabIndex)).toEqual([0, -1, -1]);
    expect(buttons.filter((b) => b.tabIndex === 0)).toHaveLength(2);
    expect(mains[0]).toHaveAttribute('aria-keyshortcuts', 'u r');
    expect(mains[0]).toHaveAccessibleDescription(/U pour la marquer comme non lue/);
    mains[0]?.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(mains[1]).toHaveFocus();
    expect(mains.map((b) => b.tabIndex)).toEqual([-1, 0, -1]);
    await userEvent.keyboard('{End}');
    expect(mains[2]).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    expect(mains[2]).toHaveFocus();
    await userEvent.keyboard('{Home}');
    expect(mains[0]).toHaveFocus();
    await userEvent.keyboard('{ArrowUp}');
    expect(mains[0]).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    await userEvent.keyboard('{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith('c-croix-rousse');
    await userEvent.keyboard('{ArrowDown}');
    await userEvent.keyboard(' ');
    expect(onSelect).toHaveBeenLastCalledWith('c-reze-maison');
    await userEvent.keyboard('{ArrowUp}');

    expect(rowButton(CROIX)).toHaveFocus();
    await userEvent.keyboard('r');
    await waitFor(() => expect(within(row(CROIX)).queryByText(/non lu/)).toBeNull(), WAIT);
    await expect.poll(() => server.state.unread('u-alice', 'c-croix-rousse'), WAIT).toBe(0);
    await userEvent.keyboard('u');
    expect(await within(row(CROIX)).findByText('1 message non lu', {}, WAIT)).toBeVisible();
    await expect.poll(() => server.state.unread('u-alice', 'c-croix-rousse'), WAIT).toBe(1);
    // Typed in the filter box, the same letters are just text.
    const box = screen.getByRole('searchbox');
    await userEvent.type(box, 'r');
    expect(box).toHaveValue('r');
    expect(onSelect).toHaveBeenCalledTimes(2);
  });

  it('filters by name or subject, ignoring accents and case', async () => {
    await showList();
    const box = screen.getByRole('searchbox', { name: 'Filtrer les conversations' });
    await userEvent.type(box, 'chloe');
    expect(order()).toEqual([CROIX]);
    await userEvent.clear(box);
    await userEvent.type(box, 'REZE');
    expect(order()).toEqual([REZE]);
    await userEvent.clear(box);
    await userEvent.type(box, 'bruno');
    expect(order()).toEqual([LYON, REZE]);
    await userEvent.clear(box);
    await userEvent.type(box, 'Marseille');
    expect(within(list()).queryAllByRole('listitem')).toHaveLength(0);
    expect(screen.getByRole('status').textContent).toBe(
      'Aucune conversation ne correspond à «\u202fMarseille\u202f».',
    );
    await userEvent.clear(box);
    expect(rows()).toHaveLength(3);
  });

  it('marks the selected conversation and calls onSelect on click', async () => {
    const { onSelect } = await showList({ selectedId: 'c-croix-rousse' });
    expect(rowButton(CROIX)).toHaveAttribute('aria-current', 'true');
    expect(rowButton(LYON)).not.toHaveAttribute('aria-current');
    expect(row(CROIX)).toHaveClass('causette-conversation-list__item--selected');
    // The tab stop starts on the selected row.
    expect(rowButton(CROIX).tabIndex).toBe(0);
    await userEvent.click(rowButton(REZE));
    expect(onSelect).toHaveBeenCalledWith('c-reze-maison');
  });

  it('says when there is no conversation, and takes the app’s empty state and rows', async () => {
    server.addUser({ id: 'u-dana', displayName: 'Dana Petit', role: 'advertiser' });
    const dana = makeClient('u-dana');
    dana.connect();
    const { unmount } = render(<ConversationList onSelect={() => undefined} />, {
      wrapper: withProvider(dana),
    });
    expect(await screen.findByText('Aucune conversation pour le moment.', {}, WAIT)).toBeVisible();
    expect(screen.queryByRole('searchbox')).toBeNull();
    unmount();
    render(
      <ConversationList
        onSelect={() => undefined}
        components={{ EmptyState: () => <p>Rien ici</p> }}
      />,
      { wrapper: withProvider(dana) },
    );
    expect(await screen.findByText('Rien ici')).toBeVisible();

    const alice = makeClient('u-alice');
    alice.connect();
    function Row({ conversation, buttonProps }: ConversationRowProps) {
      return (
        <li>
          <button type="button" {...buttonProps}>
            Ma ligne {conversation.id}
          </button>
        </li>
      );
    }
    render(
      <ChatProvider client={alice}>
        <ConversationList onSelect={() => undefined} filter={false} components={{ Row }} />
      </ChatProvider>,
    );
    expect(await screen.findByRole('button', { name: 'Ma ligne c-lyon-t2' }, WAIT)).toBeVisible();
    expect(screen.queryByRole('searchbox')).toBeNull();
  });

  it('shows a busy state while loading, and an error with a retry', async () => {
    const idle = makeClient('u-alice');
    const { unmount } = render(<ConversationList onSelect={() => undefined} />, {
      wrapper: withProvider(idle),
    });
    const busy = screen.getByRole('status');
    expect(busy).toHaveAttribute('aria-busy', 'true');
    expect(busy).toHaveTextContent('Chargement…');
    unmount();

    server.failNext('conversation:list', { code: 'INTERNAL' });
    const client = makeClient('u-alice');
    client.connect();
    render(<ConversationList onSelect={() => undefined} />, { wrapper: withProvider(client) });
    const alert = await screen.findByRole('alert', {}, WAIT);
    expect(alert).toHaveTextContent('Les conversations n’ont pas pu être chargées.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Réessayer' }));
    await waitFor(() => expect(rows()).toHaveLength(3), WAIT);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('loads more with "Afficher plus"', async () => {
    const opener = makeClient('u-alice');
    opener.connect();
    await opener.waitForConnection();
    for (let i = 0; i < 30; i++) {
      await opener.openConversation({
        participantIds: ['u-bruno'],
        subject: { type: 'listing', id: `L-${100 + i}`, title: `Annonce ${i}` },
      });
    }
    await showList({}, 30);
    const more = screen.getByRole('button', { name: 'Afficher plus' });
    await userEvent.click(more);
    await waitFor(() => expect(rows()).toHaveLength(33), WAIT);
    expect(screen.queryByRole('button', { name: 'Afficher plus' })).toBeNull();
  });

  it('renders on a server with a client that is not connected', () => {
    const client = makeClient('u-alice');
    const html = renderToString(
      <ChatProvider client={client} locale="en">
        <ConversationList onSelect={() => undefined} />
      </ChatProvider>,
    );
    expect(html).toContain('causette-conversation-list');
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('Loading…');
  });
});
