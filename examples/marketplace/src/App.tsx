import { UnreadBadge } from '@causette/react';

/** The marketplace shell; the chat lands here with the demo issue. */
export function App({ unread }: { unread: number }) {
  return (
    <main>
      <header>
        <h1>Marketplace</h1>
        <UnreadBadge
          count={unread}
          label={(n) => `${n} message${n > 1 ? 's' : ''} non lu${n > 1 ? 's' : ''}`}
        />
      </header>
    </main>
  );
}
