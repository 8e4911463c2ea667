import { startBenchSubgraph, type SubgraphRole } from './subgraphs';
import { startTarget, type TargetKind } from './targets';

/**
 * One server per process, so that the load generator, each subgraph and the gateway under test do
 * not share an event loop. The parent sends what to start; the child answers with its URL.
 */
// a clean exit, so that --cpu-prof (PROFILE_DIR) writes its profile
process.once('SIGTERM', () => process.exit(0));

// the parent asks for this process's CPU time around each measurement: CPU per request holds
// still on a busy machine where requests per second do not
process.on('message', (message: { cpu?: boolean }) => {
  if (message.cpu) {
    const { user, system } = process.cpuUsage();
    process.send!({ cpuMicros: user + system });
  }
});

process.once(
  'message',
  async (message: { role: SubgraphRole | TargetKind; [key: string]: any }) => {
    try {
      if (message.role === 'users' || message.role === 'videos') {
        process.send!({ url: await startBenchSubgraph(message.role, message as never) });
      } else {
        process.send!({ url: await startTarget(message.role, message as never) });
      }
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  },
);
