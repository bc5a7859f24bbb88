import { Suspense, lazy, useEffect, useState } from 'react';
import { useStrings } from '../provider/use-kit';
import { MenuIcon } from './MenuIcon';

/** Props of {@link ConversationMenu}. */
export interface ConversationMenuProps {
  conversationId: string;
  /** Who the conversation is with, for the button's name ("Actions pour la conversation avec Bruno"). */
  title: string;
  /** Whether it has unread messages: "Marquer comme lu" is enabled, else "Marquer comme non lu". */
  unread: boolean;
  /** Whether the button is in the tab order (the list's roving tab stop is on this row). */
  tabbable?: boolean;
}

const loadPopover = () => import('./ConversationMenuPopover');
const ConversationMenuPopover = lazy(loadPopover);

/**
 * A row's actions: a button that opens a popover menu (Radix Popover) to mark the conversation
 * read or unread. The menu is portalled to `body` with the kit's root classes and theme; arrow
 * keys move between its items, Escape closes it and gives the focus back to the button. Its code
 * is fetched right after the list mounts; a click before it is here (a slow network) opens the
 * menu as soon as it is, rather than doing nothing.
 */
export function ConversationMenu(props: ConversationMenuProps) {
  const strings = useStrings();
  const [requested, setRequested] = useState(false);
  return (
    <Suspense
      fallback={
        <button
          type="button"
          className="causette-conversation-list__actions"
          aria-label={strings.conversationActions(props.title)}
          aria-haspopup="menu"
          tabIndex={props.tabbable === false ? -1 : 0}
          onClick={() => setRequested(true)}
        >
          <MenuIcon />
        </button>
      }
    >
      <ConversationMenuPopover {...props} openAtStart={requested} />
    </Suspense>
  );
}

/** Starts fetching the menu's code (the list calls it once mounted, so a click finds it ready). */
export function usePreloadConversationMenu(): void {
  useEffect(() => {
    loadPopover().catch(() => undefined);
  }, []);
}
