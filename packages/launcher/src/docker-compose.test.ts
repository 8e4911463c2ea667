import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileTrustProxy, EnvError, readEnv } from '@vp/kit';
import { testKeys } from '@vp/kit/testing';
import { parse } from 'yaml';
import { PROCESSES } from './processes';
import { SUBGRAPHS } from './subgraphs';

const root = join(__dirname, '../../..');
// Compose applies YAML merge keys (`<<: *service-env`).
interface Service {
  image?: string;
  build?: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  networks?: Record<string, { aliases?: string[] } | null>;
}
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = Object.entries(compose.services);
/** One-shot services (the bucket's creation): others wait for them to complete, nothing probes them. */
const oneShot = (service: Service) => service.restart === 'no';
/** `${NAME:-default}` → default, `${NAME}`/`${NAME:?…}` → undefined: what a value is with no .env. */
const defaultOf = (value: string | undefined) => {
  const match = /^\$\{[A-Z0-9_]+:-([^}]*)\}$/.exec(value ?? '');
  return match ? match[1] : value;
};

// docker cannot run on the development machines; this keeps the production shape true to the code.
describe('docker-compose.yml', () => {
  it('runs every subgraph from its own entry file', () => {
    for (const { definition } of SUBGRAPHS) {
      const service = compose.services[definition.name];
      expect({ name: definition.name, defined: !!service }).toEqual({
        name: definition.name,
        defined: true,
      });
      const entry = service.command?.at(-1) ?? '';
      expect(entry).toBe(`subgraphs/${definition.name}/src/main.ts`);
    }
  });

  it('points each service at a file that exists', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const entry = service.command?.find(part => part.endsWith('.ts'));
      if (entry) {
        expect({ name, entry, exists: existsSync(join(root, entry)) }).toEqual({
          name,
          entry,
          exists: true,
        });
      }
    }
  });

  it('tells the gateway where every subgraph is, and publishes only the public entry points', () => {
    const gateway = compose.services.gateway;
    for (const { definition } of SUBGRAPHS) {
      expect(gateway.environment?.[`SUBGRAPH_${definition.name.toUpperCase()}_URL`]).toBe(
        `http://${definition.name}:4000/graphql`,
      );
    }
    const published = Object.entries(compose.services).filter(
      ([, service]) => service.ports?.length,
    );
    // live: RTMP from OBS; s3: browsers PUT uploads to presigned URLs. Subgraphs only via the gateway.
    expect(Object.fromEntries(published.map(([name, service]) => [name, service.ports]))).toEqual({
      gateway: ['4000:4000'],
      web: ['3000:3000'],
      studio: ['3001:3001'],
      live: ['1935:1935'],
      s3: ['9000:9000'],
    });
    expect(compose.services.web.environment?.GATEWAY_URL).toBe('http://gateway:4000/graphql');
    expect(compose.services.studio.environment?.GATEWAY_URL).toBe('http://gateway:4000/graphql');
  });

  it('health-checks every long-running service (the transcode worker too); one-shots are waited for', () => {
    for (const [name, service] of services) {
      if (oneShot(service)) {
        const waiting = services.filter(
          ([, other]) => other.depends_on?.[name]?.condition === 'service_completed_successfully',
        );
        expect({ name, waitedForBy: waiting.length > 0 }).toEqual({ name, waitedForBy: true });
        continue;
      }
      const test = service.healthcheck?.disable ? [] : (service.healthcheck?.test ?? []);
      expect({ name, checked: test.length > 1 }).toEqual({ name, checked: true });
    }
    // the platform's own processes are probed on /ready, on the port they listen on
    for (const name of [
      'users',
      'videos',
      'videos-worker',
      'live',
      'payments',
      'catalog',
      'search',
      'gateway',
    ]) {
      const { healthcheck, environment } = compose.services[name];
      expect({ name, probe: healthcheck?.test?.at(-1) }).toEqual({
        name,
        probe: `http://127.0.0.1:${environment?.PORT}/ready`,
      });
    }
  });

  it('publishes RTMP where the live ingest listens and tells streamers that address', () => {
    const live = compose.services.live.environment!;
    expect(live.LIVE_RTMP_HOST).toBe('0.0.0.0');
    expect(compose.services.live.ports).toContain(`${live.LIVE_RTMP_PORT}:${live.LIVE_RTMP_PORT}`);
    expect(
      new URL(defaultOf(live.LIVE_RTMP_URL.replace(/\$\{PUBLIC_RTMP_HOST:-([^}]*)\}/, '$1'))!).port,
    ).toBe(live.LIVE_RTMP_PORT);
  });

  it('keeps live, videos and the transcode worker on one object store, so a recording is handed over', () => {
    const keys = [
      'MEDIA_STORAGE',
      'S3_BUCKET',
      'S3_ENDPOINT',
      'S3_FORCE_PATH_STYLE',
      'AWS_ACCESS_KEY_ID',
    ];
    const storeOf = (name: string) =>
      Object.fromEntries(keys.map(key => [key, compose.services[name].environment?.[key]]));
    expect(storeOf('live').MEDIA_STORAGE).toBe('s3');
    expect(storeOf('videos')).toEqual(storeOf('live'));
    expect(storeOf('videos-worker')).toEqual(storeOf('live'));
    // the endpoint's host is a name of the s3 service on the compose network, as browsers see it too
    const endpoint = new URL(defaultOf(storeOf('live').S3_ENDPOINT)!);
    const s3 = compose.services.s3;
    expect(['s3', ...(s3.networks?.default?.aliases ?? [])]).toContain(endpoint.hostname);
    expect(endpoint.hostname.endsWith('.localhost')).toBe(true);
    expect(s3.ports).toContain(`${endpoint.port}:9000`);
    // the bucket exists before any of them starts
    const init = compose.services['s3-init'];
    expect(defaultOf(init.environment?.S3_BUCKET)).toBe(defaultOf(storeOf('live').S3_BUCKET));
    expect(init.command?.join(' ')).toContain('mc mb --ignore-existing "store/$$S3_BUCKET"');
    for (const name of ['live', 'videos', 'videos-worker', 'users', 'catalog']) {
      expect({ name, waits: compose.services[name].depends_on?.['s3-init']?.condition }).toEqual({
        name,
        waits: 'service_completed_successfully',
      });
    }
  });

  it('runs payments against the real providers, secrets from the environment, and believes the gateway about CCBill', () => {
    const payments = compose.services.payments.environment!;
    expect(payments.PAYMENTS_PROVIDER).toBe('live');
    for (const name of Object.keys(payments).filter(key => /^(STRIPE|CCBILL)_/.test(key))) {
      expect({ name, value: payments[name] }).toEqual({ name, value: `\${${name}:?set ${name}}` });
    }
    // The gateway reaches payments over the compose network (a private address) and appends the
    // provider's address to X-Forwarded-For; payments must believe that hop and no one outside.
    const trust = compileTrustProxy(payments.TRUST_PROXY);
    expect(trust('172.18.0.7', 0)).toBe(true);
    expect(trust('64.38.241.20', 0)).toBe(false);
    expect(trust('203.0.113.9', 0)).toBe(false);
  });

  it('has the production shape: a PostgreSQL primary and replica, Redis, Elasticsearch, S3', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['postgres', 'postgres-replica', 'redis', 'elasticsearch', 's3']),
    );
  });

  it('runs every process in production mode with every variable production needs', async () => {
    const { jwks, privateJwk } = await testKeys();
    // What an operator would put in .env for the `${VAR:?…}` the file asks for.
    const operator: Record<string, string> = {
      AUTH_JWKS: JSON.stringify(jwks),
      AUTH_SIGNING_KEY: JSON.stringify(privateJwk),
      PUBLIC_URL: 'https://video.example',
      PUBLIC_WEB_URL: 'https://video.example',
      ALLOWED_ORIGINS: 'https://video.example,https://studio.video.example',
      MAIL_FROM: 'no-reply@video.example',
    };
    const interpolate = (value: string) =>
      value.replace(
        /\$\{([A-Z0-9_]+)(?::([?-])([^}]*))?\}/g,
        (_match, name: string, kind, rest) =>
          operator[name] ??
          (kind === '-' ? rest : `operator-${name.toLowerCase()}-value-of-some-length`),
      );
    let checked = 0;
    for (const [name, service] of Object.entries(compose.services)) {
      const entry = service.command?.find(part => part.endsWith('.ts'));
      const process = PROCESSES.find(candidate => candidate.entry === entry);
      if (!process) {
        continue;
      }
      const env = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([key, value]) => [
          key,
          interpolate(String(value)),
        ]),
      );
      expect({ name, mode: env.PLATFORM_ENV }).toEqual({ name, mode: 'production' });
      let problems: string[] = [];
      try {
        readEnv(process.env, env);
      } catch (error) {
        problems = error instanceof EnvError ? error.problems : [String(error)];
      }
      expect({ name, problems }).toEqual({ name, problems: [] });
      checked += 1;
    }
    // Every subgraph, the transcode worker and the gateway.
    expect(checked).toBe(SUBGRAPHS.length + 2);
  });
});
