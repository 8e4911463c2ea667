import { MikroORM } from '@mikro-orm/postgresql';
import { type EventContract, type EventInput, eventTopic } from '@vp/contracts';
import { ormConfig } from '../db';
import { createLogger } from '../logger';
import {
  emitEvent,
  type EventOf,
  MESSAGING_ENTITIES,
  Messaging,
  OutboxMessage,
} from '../messaging';

/**
 * Plays the other subgraphs around the one under test, on its database: events written to an
 * outbox of its own (schema `peer_test`) and relayed by pg-boss, as a producing subgraph would
 * send them, and consumers of what the subgraph under test emits. `deliveries` is what a test
 * waits on to know that an event was handled (or refused), instead of sleeping.
 */
export async function startPeerEvents(databaseUrl: string) {
  const orm = await MikroORM.init(
    ormConfig({ schema: 'peer_test', databaseUrl, entities: MESSAGING_ENTITIES, migrations: [] }),
  );
  // createSchema, never updateSchema: that would drop every table of the database it does not know
  await orm.getSchemaGenerator().createSchema();
  const messaging = await Messaging.start({
    consumer: 'peer-test',
    databaseUrl,
    orm,
    log: createLogger('peer-test', 'silent'),
    relayIntervalMs: 50,
  });
  return {
    /** Sends an event the way its producer would: written to an outbox, relayed by pg-boss. */
    async emit<C extends EventContract>(contract: C, payload: EventInput<C>) {
      await orm.em.fork().transactional(async em => emitEvent(em, contract, payload));
    },
    /** Sends a payload past the contract's check, as a producer ahead of (or behind) it would. */
    async emitUnchecked(contract: EventContract, payload: unknown) {
      await orm.em.fork().transactional(async em => {
        em.persist(
          Object.assign(new OutboxMessage(), {
            kind: 'event',
            name: eventTopic(contract),
            payload,
          }),
        );
      });
    },
    /** Consumes what the subgraph under test emits, as its consumers would. */
    async onEvent<C extends EventContract>(contract: C, handler: (event: EventOf<C>) => void) {
      await messaging.onEvent(contract, async event => handler(event));
    },
    /** The pg-boss states of `consumer`'s deliveries of `contract` whose payload contains `match`. */
    async deliveries(
      consumer: string,
      contract: EventContract,
      match: Record<string, unknown>,
    ): Promise<string[]> {
      const rows: { state: string }[] = await orm.em
        .getConnection()
        .execute(`select state from pgboss.job where name = ? and data->'payload' @> ?::jsonb`, [
          `${consumer}.${eventTopic(contract)}`,
          JSON.stringify(match),
        ]);
      return rows.map(row => row.state);
    },
    /** How many of `consumer`'s deliveries of `contract` matching `match` were dead-lettered. */
    async deadLetters(
      consumer: string,
      contract: EventContract,
      match: Record<string, unknown>,
    ): Promise<number> {
      const [{ count }] = await orm.em
        .getConnection()
        .execute(
          `select count(*)::int as count from pgboss.job where name = ? and data->'payload' @> ?::jsonb`,
          [`${consumer}.${eventTopic(contract)}.dead`, JSON.stringify(match)],
        );
      return count as number;
    },
    async stop() {
      await messaging.stop();
      await orm.close();
    },
  };
}

export type PeerEvents = Awaited<ReturnType<typeof startPeerEvents>>;
