import { startTestSubgraph, tokenFor } from '@vp/kit/testing';
import { readEnv, type Role } from '@vp/kit';
import { payments, paymentsConfigFromEnv, paymentsEnv } from '@vp/payments';

/**
 * The payments subgraph in its own process (so the load generator does not share its event loop),
 * on a fresh database. It answers with its URL, its database and a token for the creator the parent
 * names (tokens must be signed by this process's test keys), and drops the database on "stop".
 */
let app: Awaited<ReturnType<typeof startTestSubgraph>> | undefined;

process.on(
  'message',
  async (
    message:
      | { command: 'start'; creatorId: string }
      | { command: 'tokens'; userIds: string[]; roles: Role[] }
      | { command: 'stop' },
  ) => {
    try {
      if (message.command === 'tokens') {
        process.send!({
          tokens: await Promise.all(message.userIds.map(id => tokenFor(id, message.roles))),
        });
      } else if (message.command === 'start') {
        // the providers' settings from this process's environment (the parent's webhook secret)
        const { payments: settings } = paymentsConfigFromEnv(readEnv(paymentsEnv, process.env));
        app = await startTestSubgraph(payments, { payments: settings });
        process.send!({
          url: app.url,
          databaseUrl: app.em().config.get('clientUrl'),
          token: await tokenFor(message.creatorId),
        });
      } else {
        await app?.stop();
        process.exit(0);
      }
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  },
);
