import { startBenchSubgraphs } from './subgraphs';
import { startTarget, type TargetKind } from './targets';

/**
 * One server per process, so that the load generator, the subgraphs and the gateway under test do
 * not share an event loop. The parent sends what to start; the child answers with its URL(s).
 */
process.once('message', async (message: { role: 'subgraphs' | TargetKind; [key: string]: any }) => {
  try {
    if (message.role === 'subgraphs') {
      process.send!({ urls: await startBenchSubgraphs(message.databaseUrl, message.jwks) });
    } else {
      process.send!({ url: await startTarget(message.role, message as never) });
    }
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
});
