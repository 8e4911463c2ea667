import { readFileSync } from 'node:fs';
import { createLogger, exitOnStartFailure, readEnv, stopOnSignals } from '@vp/kit';
import { startGateway } from './app';
import { gatewayEnv, gatewayLimitsOf, subgraphUrlOverrides } from './env';

/** Runs the gateway alone, over a committed supergraph: `npm start -w @vp/gateway`. */
async function main() {
  const log = createLogger('gateway');
  try {
    const env = readEnv(gatewayEnv);
    const gateway = await startGateway({
      ...gatewayLimitsOf(env),
      supergraphSdl: readFileSync(env.SUPERGRAPH_PATH, 'utf8'),
      jwks: env.AUTH_JWKS,
      port: env.PORT,
      host: env.HOST,
      subgraphUrls: subgraphUrlOverrides(process.env),
    });
    stopOnSignals(gateway.stop, log);
  } catch (err) {
    exitOnStartFailure(log, err);
  }
}

void main();
