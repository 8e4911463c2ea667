import { randomUUID } from 'node:crypto';
import { MoneyEmailDue } from '@vp/contracts';
import { eventually } from '@vp/kit/testing';
import {
  joinMessageBus,
  type MessageBus,
  PUBLIC_WEB_URL,
  startUsers,
  type UsersHarness,
} from '../../test/harness';
import { dayIn, yenIn } from './money-email-text';
import { MONEY_EMAIL_QUEUE } from './money-emails';

// Money emails: payments asks (MoneyEmailDue), users mails them from a durable job to the local
// mailbox, in the account's language, once per key.

type Kind = (typeof MoneyEmailDue)['example']['kind'];

/** What each kind must say, in each language (besides the amount). */
const EXPECTED: Record<Kind, { ja: RegExp; en: RegExp }> = {
  PAYMENT_RECEIPT: { ja: /【領収書】Premium/, en: /^Receipt: Premium/ },
  PAYMENT_FAILED: { ja: /お支払いができませんでした/, en: /payment of .* failed/ },
  RENEWAL_REMINDER: { ja: /更新されます/, en: /renews on/ },
  CANCELLATION_CONFIRMED: { ja: /解約完了/, en: /is cancelled; you keep it until/ },
  TIP_RECEIPT: { ja: /への投げ銭/, en: /your .* tip to @/ },
  TIP_RECEIVED: { ja: /投げ銭が届きました/, en: /tipped you/ },
  WITHDRAWAL_REQUESTED: { ja: /出金申請/, en: /withdrawal request/ },
  WITHDRAWAL_PAID: { ja: /出金完了/, en: /was paid/ },
  WITHDRAWAL_FAILED: { ja: /出金失敗/, en: /could not be paid/ },
};
const KINDS = Object.keys(EXPECTED) as Kind[];

describe('money emails', () => {
  let users: UsersHarness;
  let bus: MessageBus;
  beforeAll(async () => {
    users = await startUsers();
    bus = await joinMessageBus(users.databaseUrl);
  });
  afterAll(async () => {
    await bus?.stop();
    await users?.stop();
  });

  const jobsDone = () =>
    eventually(
      async () =>
        (
          await users.sql.query(
            `select count(*)::int as n from "pgboss"."job" where "name" = $1 and "state" <> 'completed'`,
            [MONEY_EMAIL_QUEUE],
          )
        ).rows[0].n,
      { until: n => n === 0, what: 'every money email job to complete' },
    );

  const eventsHandled = () =>
    eventually(
      async () =>
        (
          await users.sql.query(
            `select count(*)::int as n from "pgboss"."job" where "name" = 'users.MoneyEmailDue' and "state" <> 'completed'`,
          )
        ).rows[0].n,
      { until: n => n === 0, what: 'every MoneyEmailDue handled' },
    );

  it.each(['ja', 'en'] as const)(
    'mails every kind in the language of the account (%s), yen formatted, with the period',
    async language => {
      const account = await users.signUp(
        {},
        { 'accept-language': language === 'ja' ? 'ja-JP,ja;q=0.9' : 'en-GB,en;q=0.9,ja;q=0.5' },
      );
      const other = await users.signUp({ handle: `tipper_${randomUUID().slice(0, 8)}` });
      await users.mailTo(account.input.email); // the address's verification mail
      const periodEnd = '2027-01-31T03:00:00.000Z';
      for (const kind of KINDS) {
        await bus.publish(MoneyEmailDue, {
          key: `${kind}:${randomUUID()}`,
          kind,
          userId: account.user.id,
          amountJpy: 1980,
          planName: 'Premium',
          periodStart: '2027-01-01T03:00:00.000Z',
          periodEnd,
          counterpartId: other.user.id,
          referenceId: 'ref-1',
        });
      }
      await users.mailTo(account.input.email, 1 + KINDS.length);
      const mails = users.mailbox.messages(account.input.email).slice(1);
      expect(mails).toHaveLength(KINDS.length);
      for (const kind of KINDS) {
        const mail = mails.find(candidate => EXPECTED[kind][language].test(candidate.subject));
        expect(mail).toBeDefined();
        const text = mail!.text;
        if (kind !== 'CANCELLATION_CONFIRMED') {
          // (a cancellation tells the end date; it charges nothing)
          expect(text).toContain(yenIn(language, 1980));
        }
        expect(text).toContain(language === 'ja' ? account.input.displayName : 'Hello');
        if (kind.startsWith('TIP_')) {
          expect(`${mail!.subject}\n${text}`).toContain(`@${other.input.handle}`);
        }
        if (kind === 'CANCELLATION_CONFIRMED' || kind === 'RENEWAL_REMINDER') {
          expect(text).toContain(dayIn(language, periodEnd));
          expect(text).toContain(`${PUBLIC_WEB_URL}/account`);
        }
        if (kind === 'PAYMENT_RECEIPT') {
          expect(text).toContain(dayIn(language, '2027-01-01T03:00:00.000Z'));
        }
      }
      expect(yenIn('ja', 1980)).toBe('￥1,980');
      expect(yenIn('en', 1980)).toBe('¥1,980');
      expect(dayIn('ja', periodEnd)).toBe('2027年1月31日');
      expect(dayIn('en', periodEnd)).toBe('January 31, 2027');
    },
    60_000,
  );

  it('mails a key once: a redelivered event and the same key told again send nothing more', async () => {
    const account = await users.signUp();
    await users.mailTo(account.input.email);
    const eventId = randomUUID();
    const key = `PAYMENT_RECEIPT:${randomUUID()}`;
    const fields = { key, kind: 'PAYMENT_RECEIPT' as const, userId: account.user.id };
    await bus.publish(MoneyEmailDue, fields, { id: eventId });
    await bus.publish(MoneyEmailDue, fields, { id: eventId });
    await bus.publish(MoneyEmailDue, fields);
    await bus.publish(MoneyEmailDue, {
      ...fields,
      key: `WITHDRAWAL_PAID:${randomUUID()}`,
      kind: 'WITHDRAWAL_PAID',
    });
    await users.mailTo(account.input.email, 3);
    await eventsHandled();
    await jobsDone();
    const subjects = users.mailbox.messages(account.input.email).map(mail => mail.subject);
    expect(subjects.slice(1)).toEqual([
      expect.stringMatching(/領収書/),
      expect.stringMatching(/出金完了/),
    ]);
    expect(await users.count('money_email', 'recipient_id = $1', [account.user.id])).toBe(2);
  });

  it('an account it does not have gets nothing; the language follows updateProfile', async () => {
    const strangerKey = `TIP_RECEIVED:${randomUUID()}`;
    await bus.publish(MoneyEmailDue, { key: strangerKey, userId: randomUUID() });
    const account = await users.signUp();
    const changed = await users.query(
      `mutation { updateProfile(input: { language: EN }) { id emailLanguage } }`,
      {},
      account.accessToken,
    );
    expect(changed.data.updateProfile.emailLanguage).toBe('EN');
    await bus.publish(MoneyEmailDue, {
      key: `WITHDRAWAL_FAILED:${randomUUID()}`,
      kind: 'WITHDRAWAL_FAILED',
      userId: account.user.id,
    });
    const mail = await users.mailTo(account.input.email, 2);
    expect(mail.subject).toMatch(/could not be paid/);
    await eventsHandled();
    expect(await users.count('money_email', 'key = $1', [strangerKey])).toBe(0);
  });
});
