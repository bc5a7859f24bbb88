import { useEffect, useState } from 'react';
import { useAppLocale } from '../i18n/locale';
import { devLogin, listDevUsers, type Session } from '../session/session';

/** Sign in as one of the server's seeded users (the development login). */
export function LoginPage({ onSignIn }: { onSignIn: (session: Session) => void }) {
  const { strings } = useAppLocale();
  const [users, setUsers] = useState<Session[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();

  useEffect(() => {
    let live = true;
    listDevUsers().then(
      (list) => live && setUsers(list),
      (cause: unknown) => live && setError(strings.loginFailed(reason(cause))),
    );
    return () => {
      live = false;
    };
  }, [strings]);

  const signIn = async (user: Session) => {
    setBusy(user.userId);
    setError(undefined);
    try {
      // Checks the server accepts this user before the app treats them as signed in.
      const { user: signedIn } = await devLogin(user.userId);
      onSignIn(signedIn);
    } catch (cause) {
      setError(strings.loginFailed(reason(cause)));
      setBusy(undefined);
    }
  };

  const group = (role: Session['role'], title: string) => (
    <section className="login__group" aria-labelledby={`login-${role}`}>
      <h2 id={`login-${role}`}>{title}</h2>
      <ul>
        {users
          ?.filter((user) => user.role === role)
          .map((user) => (
            <li key={user.userId}>
              <button
                type="button"
                className="button"
                disabled={busy !== undefined}
                aria-busy={busy === user.userId}
                onClick={() => void signIn(user)}
              >
                {user.displayName}
              </button>
            </li>
          ))}
      </ul>
    </section>
  );

  return (
    <main className="login">
      <h1>{strings.loginTitle}</h1>
      <p>{strings.loginIntro}</p>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {users ? (
        <div className="login__groups">
          {group('advertiser', strings.advertisers)}
          {group('owner', strings.owners)}
        </div>
      ) : error ? null : (
        <p role="status">{strings.loadingUsers}</p>
      )}
    </main>
  );
}

function reason(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
