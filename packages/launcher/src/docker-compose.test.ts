import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SUBGRAPHS } from './subgraphs';

const root = join(__dirname, '../../..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
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

  it('tells the gateway where every subgraph is, and publishes only the gateway', () => {
    const gateway = compose.services.gateway;
    for (const { definition } of SUBGRAPHS) {
      expect(gateway.environment?.[`SUBGRAPH_${definition.name.toUpperCase()}_URL`]).toBe(
        `http://${definition.name}:4000/graphql`,
      );
    }
    const published = Object.entries(compose.services).filter(([, service]) => service.ports?.length);
    expect(published.map(([name]) => name)).toEqual(['gateway']);
  });

  it('has the production shape: a PostgreSQL primary and replica, Redis, Elasticsearch, S3', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['postgres', 'postgres-replica', 'redis', 'elasticsearch', 's3']),
    );
  });
});
