import { type ChatLocale, UnreadBadge } from '@causette/react';
import { Link, useRoute } from 'wouter';
import { useAppLocale } from '../i18n/locale';
import type { Session } from '../session/session';

/** The site's header: navigation with the unread badge, the language, who is signed in. */
export function SiteHeader({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const { strings, locale, setLocale } = useAppLocale();
  return (
    <header className="site-header">
      <Link href="/" className="site-header__brand">
        {strings.siteName}
      </Link>
      <nav aria-label={strings.siteName}>
        <ul className="site-header__nav">
          <NavLink href="/" label={strings.listings} match="/" />
          <NavLink href="/messages" label={strings.messages} match="/messages/*?">
            <UnreadBadge />
          </NavLink>
          <NavLink href="/reglages" label={strings.settings} match="/reglages" />
        </ul>
      </nav>
      <div className="site-header__end">
        <label>
          <span className="visually-hidden">{strings.language}</span>
          <select value={locale} onChange={(event) => setLocale(event.target.value as ChatLocale)}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
        <span className="site-header__user" title={strings.signedInAs(session.displayName)}>
          {session.displayName}
        </span>
        <button type="button" className="button" onClick={onSignOut}>
          {strings.signOut}
        </button>
      </div>
    </header>
  );
}

function NavLink({
  href,
  label,
  match,
  children,
}: {
  href: string;
  label: string;
  match: string;
  children?: React.ReactNode;
}) {
  const [active] = useRoute(match);
  return (
    <li>
      <Link href={href} aria-current={active ? 'page' : undefined}>
        {label} {children}
      </Link>
    </li>
  );
}
