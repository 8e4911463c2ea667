import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvError, readEnv } from '@vp/kit';
import { testKeys } from '@vp/kit/testing';
import { parse } from 'yaml';
import { PROCESSES } from './processes';
import { SUBGRAPHS } from './subgraphs';

const root = join(__dirname, '../../..');
// Compose applies YAML merge keys (`<<: *service-env`).
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { command?: string[]; environment?: Record<string, string>; ports?: string[] }>;
};

// docker cannot run on the development machines; this keeps the production shape true to the code.
describe('docker-compose.yml', () => {
  it('runs every subgraph from its own entry file', () => {
    for (const { definition } of SUBGRAPHS) {
      const service = compose.services[definition.name];
      expect({ name: definition.name, defined: !!service }).toEqual({ name: definition.name, defined: true });
      const entry = service.command?.at(-1) ?? '';
      expect(entry).toBe(`subgraphs/${definition.name}/src/main.ts`);
    }
  });

  it('points each service at a file that exists', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const entry = service.command?.find(part => part.endsWith('.ts'));
      if (entry) {
        expect({ name, entry, exists: existsSync(join(root, entry)) }).toEqual({ name, entry, exists: true });
      }
    }
  });

  it('tells the gateway where every subgraph is, and publishes only the gateway, the web app and the studio', () => {
    const gateway = compose.services.gateway;
    for (const { definition } of SUBGRAPHS) {
      expect(gateway.environment?.[`SUBGRAPH_${definition.name.toUpperCase()}_URL`]).toBe(
        `http://${definition.name}:4000/graphql`,
      );
    }
    const published = Object.entries(compose.services).filter(([, service]) => service.ports?.length);
    expect(published.map(([name]) => name).sort()).toEqual(['gateway', 'studio', 'web']);
    expect(compose.services.web.environment?.GATEWAY_URL).toBe('http://gateway:4000/graphql');
    expect(compose.services.studio.environment?.GATEWAY_URL).toBe('http://gateway:4000/graphql');
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
      value.replace(/\$\{([A-Z0-9_]+)(?::([?-])([^}]*))?\}/g, (_match, name: string, kind, rest) =>
        operator[name] ?? (kind === '-' ? rest : `operator-${name.toLowerCase()}-value-of-some-length`),
      );
    let checked = 0;
    for (const [name, service] of Object.entries(compose.services)) {
      const entry = service.command?.find(part => part.endsWith('.ts'));
      const process = PROCESSES.find(candidate => candidate.entry === entry);
      if (!process) {
        continue;
      }
      const env = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(String(value))]),
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

