import { type EntityManager } from '@mikro-orm/postgresql';
import { type MoneyEmailDue } from '@vp/contracts';
import { enqueueJob, type EventOf, type Language, type Logger, type Messaging } from '@vp/kit';
import { type Mailer } from '../mail';
import { type MoneyEmailFacts, moneyEmailMessage } from './money-email-text';

/** Durable jobs that mail money emails (pg-boss through the outbox, retried, then dead-lettered). */
export const MONEY_EMAIL_QUEUE = 'users.money-email';

export interface MoneyEmailJob {
  moneyEmailId: string;
}

/**
 * `MoneyEmailDue` from payments: stored once per key (a redelivered event, or payments telling
 * the same movement again, inserts nothing), and handed to the email job in the same
 * transaction. An account this database does not have gets nothing.
 */
export async function storeMoneyEmail(em: EntityManager, event: EventOf<typeof MoneyEmailDue>) {
  const facts = event.payload;
  const rows: { id: string }[] = await em.execute(
    `insert into "users"."money_email" ("id", "key", "recipient_id", "kind", "facts", "created_at")
     select gen_random_uuid(), ?, u."id", ?, ?::jsonb, now()
       from "users"."user" u where u."id" = ?
     on conflict ("key") do nothing
     returning "id"`,
    [facts.key, facts.kind, JSON.stringify(facts), facts.userId],
  );
  for (const row of rows) {
    enqueueJob<MoneyEmailJob>(em, MONEY_EMAIL_QUEUE, { moneyEmailId: row.id });
  }
  await em.flush();
}

interface MoneyEmailRow {
  facts: MoneyEmailFacts;
  to: string;
  display_name: string;
  language: Language;
  counterpart_handle: string | null;
}

/**
 * The job: claims the row (`sent_at`), mails it and commits, in one short transaction; a retry
 * after a failure finds it unclaimed and mails it, a redelivered job finds it claimed and mails
 * nothing. Money emails go whatever the notification settings, to the account's address now.
 */
export async function defineMoneyEmails(
  messaging: Messaging,
  deps: { mailer: Mailer; publicWebUrl: string; log: Logger },
) {
  await messaging.defineJob<MoneyEmailJob>(MONEY_EMAIL_QUEUE, async job => {
    await messaging.em().transactional(async em => {
      const [row]: MoneyEmailRow[] = await em.execute(
        `update "users"."money_email" m set "sent_at" = now()
           from "users"."user" u
          where m."id" = ? and m."sent_at" is null and u."id" = m."recipient_id"
          returning m."facts", u."email" as "to", u."display_name", u."language",
            (select c."handle" from "users"."user" c
              where c."id" = nullif(m."facts"->>'counterpartId', '')::uuid) as "counterpart_handle"`,
        [job.moneyEmailId],
      );
      if (!row) {
        return; // mailed before, or the account is gone
      }
      await deps.mailer.send(
        moneyEmailMessage(
          row.facts,
          {
            to: row.to,
            displayName: row.display_name,
            language: row.language,
            counterpartHandle: row.counterpart_handle,
          },
          { web: deps.publicWebUrl },
        ),
      );
      deps.log.info({ moneyEmailId: job.moneyEmailId, kind: row.facts.kind }, 'money email sent');
    });
  });
}
