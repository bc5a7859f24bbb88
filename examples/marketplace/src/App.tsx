import { ChatProvider, useNotifications } from '@causette/react';
import { useEffect, useState } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { LocaleProvider, useAppLocale } from './i18n/locale';
import { SiteHeader } from './layout/SiteHeader';
import { ListingPage } from './pages/ListingPage';
import { ListingsPage } from './pages/ListingsPage';
import { LoginPage } from './pages/LoginPage';
import { MessagesPage } from './pages/MessagesPage';
import { SettingsPage } from './pages/SettingsPage';
import { isOpenConversationMessage } from './push/register-push';
import { usePushRegistration } from './push/use-push-registration';
import { clientFor, releaseClient } from './session/client-registry';
import {
  clearSession,
  onSessionChange,
  readSession,
  saveSession,
  type Session,
} from './session/session';

/** The marketplace: sign in, listings, messages, settings. */
export function App() {
  return (
    <LocaleProvider>
      <Root />
    </LocaleProvider>
  );
}

function Root() {
  const [session, setSession] = useState(readSession);
  // Another tab signed in or out: this one follows, so one browser is one person.
  useEffect(
    () =>
      onSessionChange((next) => {
        if (next?.userId !== session?.userId) releaseClient();
        setSession(next);
      }),
    [session],
  );

  const signIn = (next: Session) => {
    saveSession(next);
    setSession(next);
  };
  const signOut = () => {
    releaseClient();
    clearSession();
    setSession(null);
  };

  if (!session) return <LoginPage onSignIn={signIn} />;
  return <SignedIn key={session.userId} session={session} onSignOut={signOut} />;
}

function SignedIn({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const { locale } = useAppLocale();
  const [client] = useState(() => clientFor(session));
  useEffect(() => client.connect(), [client]);
  return (
    <ChatProvider client={client} locale={locale}>
      <Shell session={session} onSignOut={onSignOut} />
    </ChatProvider>
  );
}

function Shell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const { strings } = useAppLocale();
  const [, navigate] = useLocation();
  const push = usePushRegistration();
  // A click on a notification of this page, or on a push shown by the service worker, opens
  // its conversation here.
  useNotifications({ onOpen: (conversationId) => navigate(`/messages/${conversationId}`) });
  useEffect(() => {
    const worker = navigator.serviceWorker;
    if (!worker) return;
    const onMessage = (event: MessageEvent) => {
      if (isOpenConversationMessage(event.data)) navigate(`/messages/${event.data.conversationId}`);
    };
    worker.addEventListener('message', onMessage);
    return () => worker.removeEventListener('message', onMessage);
  }, [navigate]);

  return (
    <div className="app">
      <SiteHeader session={session} onSignOut={onSignOut} />
      <Switch>
        <Route path="/">
          <ListingsPage />
        </Route>
        <Route path="/annonces/:id">
          {(params) => <ListingPage listingId={params.id} session={session} />}
        </Route>
        <Route path="/messages">
          <MessagesPage />
        </Route>
        <Route path="/messages/:id">
          {(params) => <MessagesPage conversationId={params.id} />}
        </Route>
        <Route path="/reglages">
          <SettingsPage push={push} />
        </Route>
        <Route>
          <main className="page">
            <p>{strings.notFound}</p>
          </main>
        </Route>
      </Switch>
    </div>
  );
}
