'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import {
  MarkNotificationsReadDocument,
  NotificationAddedDocument,
  NotificationsDocument,
  type NotificationItemFragment,
} from '@vp/client/src/gql/graphql';
import { Avatar } from './avatar';
import { Icon } from './icons';
import { useGraphqlClient, useGraphqlSubscription, useT, useYen } from './providers';

function hrefOf(item: NotificationItemFragment) {
  if (item.video) {
    return `/watch/${item.video.id}`;
  }
  if (item.liveStream) {
    return `/live/${item.liveStream.id}`;
  }
  if (item.actor) {
    return `/@${item.actor.handle}`;
  }
  return '/account';
}

/** The bell: a live unread badge (notificationAdded over the gateway's WebSocket) and the latest list. */
export function NotificationsMenu({ initialUnread }: { initialUnread: number }) {
  const t = useT();
  const yen = useYen();
  const client = useGraphqlClient();
  const [unread, setUnread] = useState(initialUnread);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<NotificationItemFragment[] | null>(null);
  const wrap = useRef<HTMLDivElement>(null);

  useGraphqlSubscription(NotificationAddedDocument, {
    onData: ({ data }) => {
      const added = data.data?.notificationAdded;
      if (added) {
        setUnread(count => count + 1);
        setItems(list => (list ? [added, ...list.filter(item => item.id !== added.id)] : list));
      }
    },
  });

  useEffect(() => setUnread(initialUnread), [initialUnread]);

  useEffect(() => {
    if (!open) {
      return;
    }
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !wrap.current?.contains(event.target as Node)
      ) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const toggle = async () => {
    const next = !open;
    setOpen(next);
    if (next) {
      const { data } = await client.query({
        query: NotificationsDocument,
        fetchPolicy: 'network-only',
      });
      setItems(data?.me.notifications.edges.map(edge => edge.node) ?? []);
      setUnread(data?.me.unreadNotificationCount ?? 0);
    }
  };

  const markAll = async () => {
    await client.mutate({ mutation: MarkNotificationsReadDocument, variables: {} });
    setUnread(0);
    setItems(list => list?.map(item => ({ ...item, read: true })) ?? null);
  };

  const line = (item: NotificationItemFragment) =>
    t(`notifications.${item.kind}`, {
      actor: item.actor?.displayName ?? '—',
      what: item.video?.title ?? item.liveStream?.title ?? item.comment?.body ?? '',
      amount: item.amountJpy != null ? yen(item.amountJpy) : '',
      reason: item.reason ?? '',
    });

  return (
    <div className="menu-wrap" ref={wrap}>
      <button
        type="button"
        className="icon-btn"
        aria-haspopup="true"
        aria-expanded={open}
        aria-label={t('notifications.open', { count: unread })}
        onClick={toggle}
        data-testid="notifications-button"
      >
        <Icon name="bell" />
        {unread > 0 ? (
          <span className="badge" data-testid="unread-badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="popover" role="region" aria-label={t('notifications.title')}>
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <h2>{t('notifications.title')}</h2>
            {unread > 0 ? (
              <button type="button" className="btn small ghost" onClick={markAll}>
                {t('notifications.markRead')}
              </button>
            ) : null}
          </div>
          {items === null ? (
            <p className="dim small" style={{ padding: 8 }}>
              {t('common.loading')}
            </p>
          ) : items.length === 0 ? (
            <p className="dim small" style={{ padding: 8 }}>
              {t('notifications.empty')}
            </p>
          ) : (
            items.map(item => (
              <Link
                key={item.id}
                href={hrefOf(item)}
                className={item.read ? 'popover-item' : 'popover-item unread'}
                onClick={() => setOpen(false)}
              >
                {item.actor ? (
                  <Avatar user={item.actor} />
                ) : (
                  <span className="avatar" aria-hidden="true" />
                )}
                <span>{line(item)}</span>
              </Link>
            ))
          )}
        </div>
      ) : null}
    </div>
  );
}
