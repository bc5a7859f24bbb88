import * as Popover from '@radix-ui/react-popover';
import { type KeyboardEvent, useState } from 'react';
import { useChatClient } from '../hooks/use-chat-client';
import { useKitRoot, useStrings } from '../provider/use-kit';
import type { ConversationMenuProps } from './ConversationMenu';
import { MenuIcon } from './MenuIcon';

// Radix Popover with its positioning engine is most of the kit's weight: this file is loaded on
// its own (a dynamic import from ConversationMenu), right after the list mounts, so a page pays
// for it only once it shows a list, and never blocks on it.

/**
 * A row's actions: a button that opens a popover menu to mark the conversation read or unread.
 * The menu is portalled to `body`, so it carries the kit's root classes and theme itself. Arrow
 * keys move between its items, Escape closes it and gives the focus back to the button.
 */
export default function ConversationMenuPopover({
  conversationId,
  title,
  unread,
  tabbable = true,
  openAtStart = false,
}: ConversationMenuProps & {
  /** Open at once: the button was clicked before this code was loaded. */
  openAtStart?: boolean;
}) {
  const client = useChatClient();
  const strings = useStrings();
  const root = useKitRoot('causette-conversation-menu');
  const [open, setOpen] = useState(openAtStart);
  const label = strings.conversationActions(title);

  const run = (action: 'read' | 'unread') => {
    setOpen(false);
    const done =
      action === 'read' ? client.markRead(conversationId) : client.markUnread(conversationId);
    // The client undoes its optimistic count on failure; there is nothing more to show here.
    done.catch(() => undefined);
  };

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger
        className="causette-conversation-list__actions"
        aria-label={label}
        aria-haspopup="menu"
        tabIndex={tabbable ? 0 : -1}
      >
        <MenuIcon />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          {...root}
          role="menu"
          aria-label={label}
          align="end"
          sideOffset={4}
          collisionPadding={8}
          onKeyDown={moveInMenu}
        >
          <button
            type="button"
            role="menuitem"
            className="causette-conversation-menu__item"
            disabled={!unread}
            onClick={() => run('read')}
          >
            {strings.markRead}
          </button>
          <button
            type="button"
            role="menuitem"
            className="causette-conversation-menu__item"
            disabled={unread}
            onClick={() => run('unread')}
          >
            {strings.markUnread}
          </button>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

/** ArrowUp/ArrowDown/Home/End between the enabled items, as a menu's keyboard works. */
function moveInMenu(event: KeyboardEvent<HTMLElement>) {
  const items = Array.from(
    event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)'),
  );
  if (items.length === 0) return;
  const index = items.indexOf(event.target as HTMLButtonElement);
  const next =
    event.key === 'ArrowDown'
      ? items[(index + 1) % items.length]
      : event.key === 'ArrowUp'
        ? items[(index - 1 + items.length) % items.length]
        : event.key === 'Home'
          ? items[0]
          : event.key === 'End'
            ? items.at(-1)
            : undefined;
  if (!next) return;
  event.preventDefault();
  next.focus();
}
