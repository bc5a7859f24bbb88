import type { SearchHit } from '@causette/protocol';
import { ChatWindow, ConversationList, MessageSearch } from '@causette/react';
import { Link, useLocation, useSearch } from 'wouter';
import { useAppLocale } from '../i18n/locale';

/**
 * The conversations beside the one open: two panes on a desktop, one at a time on a phone
 * (`data-pane` says which the CSS shows). `/messages/:id?message=<id>` opens a message found by
 * the search.
 */
export function MessagesPage({ conversationId }: { conversationId?: string }) {
  const { strings } = useAppLocale();
  const [, navigate] = useLocation();
  const focusMessageId = new URLSearchParams(useSearch()).get('message') ?? undefined;

  const open = (id: string) => navigate(`/messages/${id}`);
  const openHit = (hit: SearchHit) =>
    navigate(
      `/messages/${hit.message.conversationId}?message=${encodeURIComponent(hit.message.id)}`,
    );

  return (
    <main className="messages" data-pane={conversationId ? 'chat' : 'list'}>
      <h1 className="visually-hidden">{strings.messages}</h1>
      <aside className="messages__list" aria-label={strings.backToConversations}>
        <details className="messages__search">
          <summary>{strings.searchMessages}</summary>
          <MessageSearch onOpenMessage={openHit} />
        </details>
        <ConversationList selectedId={conversationId} onSelect={open} />
      </aside>
      <section className="messages__chat">
        {conversationId ? (
          <ChatWindow
            key={conversationId}
            conversationId={conversationId}
            focusMessageId={focusMessageId}
            headerStart={
              <Link
                href="/messages"
                className="messages__back"
                aria-label={strings.backToConversations}
              >
                ←
              </Link>
            }
          />
        ) : (
          <p className="messages__placeholder">{strings.pickConversation}</p>
        )}
      </section>
    </main>
  );
}
