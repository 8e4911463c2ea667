'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { Icon } from './icons';
import { NotificationsMenu } from './notifications-menu';
import { useT, useViewer } from './providers';
import { Avatar } from './avatar';
import { SignOutButton } from './sign-out-button';

function SearchBox() {
  const t = useT();
  const params = useSearchParams();
  const pathname = usePathname();
  return (
    <form className="search-form" action="/search" role="search">
      <label htmlFor="site-search" className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        id="site-search"
        type="search"
        name="q"
        placeholder={t('search.placeholder')}
        defaultValue={pathname === '/search' ? (params.get('q') ?? '') : ''}
        key={pathname === '/search' ? params.get('q') : 'empty'}
        maxLength={200}
      />
      <button type="submit" aria-label={t('search.submit')}>
        <Icon name="search" size={20} />
      </button>
    </form>
  );
}

export function Header({ unread }: { unread: number }) {
  const t = useT();
  const viewer = useViewer();
  const pathname = usePathname();
  const current = (href: string) => (pathname === href ? 'page' : undefined);
  return (
    <header className="header">
      <Link href="/" className="brand" aria-label={t('app.name')}>
        <span className="brand-mark" aria-hidden="true">
          ▶
        </span>
        <span className="brand-name">{t('app.name')}</span>
      </Link>
      <nav className="nav" aria-label={t('nav.menu')}>
        <Link href="/" aria-current={current('/')}>
          {t('nav.home')}
        </Link>
        <Link href="/shorts" aria-current={current('/shorts')}>
          {t('nav.shorts')}
        </Link>
        <Link href="/browse" aria-current={current('/browse')}>
          {t('nav.browse')}
        </Link>
      </nav>
      <Suspense fallback={<div className="search-form" />}>
        <SearchBox />
      </Suspense>
      <div className="header-actions">
        {viewer ? (
          <>
            <NotificationsMenu initialUnread={unread} />
            <Link href="/account" aria-label={`${t('nav.account')} (@${viewer.handle})`} title={`@${viewer.handle}`}>
              <Avatar user={viewer} />
            </Link>
            <SignOutButton />
          </>
        ) : (
          <>
            <Link className="btn ghost small" href={`/sign-in?next=${encodeURIComponent(pathname)}`}>
              {t('nav.signIn')}
            </Link>
            <Link className="btn primary small" href="/sign-up">
              {t('nav.signUp')}
            </Link>
          </>
        )}
      </div>
    </header>
  );
}
