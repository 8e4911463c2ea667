import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvError, readEnv } from '@vp/kit';
import { testKeys } from '@vp/kit/testing';
import { PROCESSES } from '../processes';
import { SUBGRAPHS } from '../subgraphs';
import { type K8sObject, keyOf, renderKustomization, renderWithKubectl } from './kustomize';

const root = join(__dirname, '../../../..');
const kubernetes = join(root, 'deploy/kubernetes');
const overlays = ['overlays/production'];

/** Processes Kubernetes runs as Deployments (not `npm start`, the admin CLI or the migration Job). */
const DEPLOYED = PROCESSES.filter(
  process => !['npm start', 'admin CLI', 'migrate'].includes(process.name),
);
const APPS = ['web', 'studio'];

const podSpecOf = (object: K8sObject) => object.spec.template.spec;
const containerOf = (object: K8sObject) => podSpecOf(object).containers[0];
const entryOf = (object: K8sObject) =>
  (containerOf(object).command as string[]).find(part => /\.(ts|mjs)$/.test(part));
const matches = (selector: any, labels: Record<string, string>) =>
  Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value) &&
  (selector?.matchExpressions ?? []).every((expression: any) =>
    expression.operator === 'In'
      ? expression.values.includes(labels[expression.key])
      : expression.operator === 'Exists'
        ? expression.key in labels
        : false,
  );

/** A plausible value for each secret a Deployment reads by reference (what an operator stores). */
async function secretValue(variable: string): Promise<string> {
  const { jwks, privateJwk } = await testKeys();
  const values: Record<string, string> = {
    AUTH_JWKS: JSON.stringify(jwks),
    AUTH_SIGNING_KEY: JSON.stringify(privateJwk),
    DATABASE_URL:
      'postgres://platform:secret@platform.cluster-abc.ap-northeast-1.rds.amazonaws.com:5432/platform',
    DATABASE_REPLICA_URL:
      'postgres://platform:secret@platform.cluster-ro-abc.ap-northeast-1.rds.amazonaws.com:5432/platform',
    REDIS_URL: 'rediss://:secret@master.platform.abc.apne1.cache.amazonaws.com:6379',
    ELASTICSEARCH_URL: 'https://search-platform-abc.ap-northeast-1.es.amazonaws.com',
  };
  return values[variable] ?? `operator-${variable.toLowerCase()}-value-of-some-length`;
}

describe.each(overlays)('deploy/kubernetes/%s', overlay => {
  const dir = join(kubernetes, overlay);
  let objects: K8sObject[];
  const all = (kind: string) => objects.filter(object => object.kind === kind);
  const named = (kind: string, name: string) => {
    const found = objects.find(object => object.kind === kind && object.metadata.name === name);
    if (!found) {
      throw new Error(`no ${kind} ${name}`);
    }
    return found;
  };
  const deployments = () => all('Deployment');

  /** The environment a container gets: envFrom ConfigMaps in order, then env (which wins). */
  async function environmentOf(container: any): Promise<Record<string, string>> {
    const env: Record<string, string> = {};
    for (const source of container.envFrom ?? []) {
      expect({ container: container.name, source: Object.keys(source) }).toEqual({
        container: container.name,
        source: ['configMapRef'],
      });
      Object.assign(env, named('ConfigMap', source.configMapRef.name).data);
    }
    for (const variable of container.env ?? []) {
      const ref = variable.valueFrom;
      if (!ref) {
        env[variable.name] = String(variable.value);
      } else if (ref.secretKeyRef) {
        // an optional secret may be absent: the process must start without it
        if (!ref.secretKeyRef.optional) {
          env[variable.name] = await secretValue(variable.name);
        }
      } else if (ref.configMapKeyRef) {
        env[variable.name] = named('ConfigMap', ref.configMapKeyRef.name).data[
          ref.configMapKeyRef.key
        ];
      } else {
        throw new Error(`${container.name}: ${variable.name} comes from ${Object.keys(ref)}`);
      }
    }
    return env;
  }

  beforeAll(() => {
    objects = renderKustomization(dir);
  });

  it('renders as `kubectl kustomize` renders it (where kubectl is installed)', () => {
    const byKubectl = renderWithKubectl(dir);
    if (!byKubectl) {
      // no kubectl on this machine: the renderer alone (its features are the ones used here)
      expect(objects.length).toBeGreaterThan(0);
      return;
    }
    const index = (list: K8sObject[]) =>
      Object.fromEntries(list.map(object => [keyOf(object), object]));
    expect(index(objects)).toEqual(index(byKubectl));
  });

  it('validates every object against the Kubernetes API schemas (kubernetes-models)', () => {
    const problems: string[] = [];
    for (const object of objects) {
      const [group, version] = object.apiVersion.includes('/')
        ? object.apiVersion.split('/')
        : [undefined, object.apiVersion];
      const modulePath = `kubernetes-models/${group ? `${group}/` : ''}${version}/${object.kind}`;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const Model = require(modulePath)[object.kind];
      try {
        new Model(object).validate();
      } catch (error) {
        problems.push(`${keyOf(object)}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('runs the gateway, every subgraph, the transcode worker, the web app and the studio', () => {
    const entries = deployments().map(entryOf);
    for (const process of DEPLOYED) {
      expect({ process: process.name, deployed: entries.includes(process.entry) }).toEqual({
        process: process.name,
        deployed: true,
      });
    }
    expect(
      deployments()
        .map(object => object.metadata.name)
        .sort(),
    ).toEqual([...DEPLOYED.map(process => process.name), ...APPS].sort());
    for (const object of [...deployments(), ...all('Job')]) {
      expect({ name: object.metadata.name, image: containerOf(object).image }).toEqual({
        name: object.metadata.name,
        image: expect.stringMatching(/^\S+\.dkr\.ecr\.\S+\/video-platform:\S+$/),
      });
    }
  });

  it('sets every variable each process requires in production (its env schema), secrets by reference', async () => {
    const checked: string[] = [];
    for (const object of [...deployments(), ...all('Job')]) {
      const process = PROCESSES.find(candidate => candidate.entry === entryOf(object));
      if (!process) {
        continue;
      }
      const env = await environmentOf(containerOf(object));
      expect({ name: object.metadata.name, mode: env.PLATFORM_ENV }).toEqual({
        name: object.metadata.name,
        mode: 'production',
      });
      let problems: string[] = [];
      try {
        readEnv(process.env, env);
      } catch (error) {
        problems = error instanceof EnvError ? error.problems : [String(error)];
      }
      expect({ name: object.metadata.name, problems }).toEqual({
        name: object.metadata.name,
        problems: [],
      });
      checked.push(process.name);
    }
    expect(checked.sort()).toEqual([...DEPLOYED.map(process => process.name), 'migrate'].sort());
  });

  it('points the gateway at each subgraph, and the apps at the gateway, through their Services', () => {
    const serviceFor = (url: string) => {
      const { hostname, port } = new URL(url);
      const service = named('Service', hostname);
      expect({
        url,
        port: service.spec.ports.some((entry: any) => String(entry.port) === port),
      }).toEqual({
        url,
        port: true,
      });
      return deployments()
        .filter(object =>
          matches({ matchLabels: service.spec.selector }, object.spec.template.metadata.labels),
        )
        .map(object => object.metadata.name);
    };
    const gateway = named('ConfigMap', 'gateway-config').data;
    for (const { definition } of SUBGRAPHS) {
      expect(serviceFor(gateway[`SUBGRAPH_${definition.name.toUpperCase()}_URL`])).toEqual([
        definition.name,
      ]);
    }
    for (const app of APPS) {
      expect(serviceFor(named('ConfigMap', `${app}-config`).data.GATEWAY_URL)).toEqual(['gateway']);
    }
  });

  it('keeps secrets out of the manifests: no Secret objects, every secret read by reference', () => {
    expect(all('Secret')).toEqual([]);
    const secretLike =
      /SECRET|PASSWORD|TOKEN|SALT|PRIVATE_KEY|SIGNING_KEY|API_KEY|DATABASE_URL|DATABASE_REPLICA_URL|REDIS_URL|ELASTICSEARCH_URL|CCBILL_ACCOUNT/;
    for (const map of all('ConfigMap')) {
      expect({
        map: map.metadata.name,
        secrets: Object.keys(map.data ?? {}).filter(key => secretLike.test(key)),
      }).toEqual({
        map: map.metadata.name,
        secrets: [],
      });
    }
    for (const object of [...deployments(), ...all('Job')]) {
      for (const variable of containerOf(object).env ?? []) {
        if (secretLike.test(variable.name)) {
          expect({ variable: variable.name, ref: !!variable.valueFrom?.secretKeyRef }).toEqual({
            variable: variable.name,
            ref: true,
          });
        }
      }
    }
  });

  it('probes /ready and /health on the port each process listens on, and every process answers them', async () => {
    for (const object of deployments()) {
      const container = containerOf(object);
      const env = await environmentOf(container);
      const http = container.ports.find((port: any) => port.name === 'http').containerPort;
      const listens = Number(
        env.PORT ?? env.STUDIO_PORT ?? (object.metadata.name === 'web' ? 3000 : NaN),
      );
      expect({ name: object.metadata.name, http }).toEqual({
        name: object.metadata.name,
        http: listens,
      });
      expect({
        name: object.metadata.name,
        readiness: container.readinessProbe?.httpGet,
        liveness: container.livenessProbe?.httpGet,
      }).toEqual({
        name: object.metadata.name,
        readiness: { path: '/ready', port: 'http' },
        liveness: { path: '/health', port: 'http' },
      });
    }
    // where each kind of process answers them (the servers themselves are tested in their packages)
    const source = (path: string) => readFileSync(join(root, path), 'utf8');
    for (const path of ['packages/kit/src/server.ts', 'gateway/src/health.ts']) {
      expect(source(path)).toMatch(/app\.get\('\/health'[\s\S]*app\.get\('\/ready'/);
    }
    expect(source('subgraphs/videos/src/worker.ts')).toContain('serveHealth(');
    expect(source('clients/studio/server/server.mjs')).toMatch(
      /pathname === '\/health' \|\| pathname === '\/ready'/,
    );
    expect(
      ['health', 'ready'].map(route =>
        existsSync(join(root, `clients/web/src/app/${route}/route.ts`)),
      ),
    ).toEqual([true, true]);
  });

  it('sets requests and limits, and a grace period longer than preStop plus the drain', () => {
    const quantity = (value: string | number) => {
      const text = String(value);
      const units: Record<string, number> = { m: 1e-3, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };
      const unit = Object.keys(units).find(suffix => text.endsWith(suffix));
      return unit ? Number(text.slice(0, -unit.length)) * units[unit] : Number(text);
    };
    // the longest each kind of process takes to stop after SIGTERM: HTTP drain (kit/gateway 10 s),
    // jobs (pg-boss 10 s) and the outbox relay; the worker's jobs; the apps' in-flight renders
    const drainSeconds: Record<string, number> = { subgraph: 22, gateway: 12, worker: 22, app: 10 };
    for (const object of [...deployments(), ...all('Job')]) {
      const { requests, limits } = containerOf(object).resources;
      for (const resource of ['cpu', 'memory']) {
        expect({
          name: object.metadata.name,
          resource,
          ok: quantity(limits[resource]) >= quantity(requests[resource]),
        }).toEqual({
          name: object.metadata.name,
          resource,
          ok: true,
        });
      }
      if (object.kind !== 'Deployment') {
        continue;
      }
      const component = object.metadata.labels!['app.kubernetes.io/component'];
      const preStop = Number(containerOf(object).lifecycle.preStop.exec.command[1]);
      expect({ name: object.metadata.name, drain: drainSeconds[component] }).toEqual({
        name: object.metadata.name,
        drain: expect.any(Number),
      });
      const grace = podSpecOf(object).terminationGracePeriodSeconds;
      expect({
        name: object.metadata.name,
        longer: grace > preStop + drainSeconds[component],
      }).toEqual({
        name: object.metadata.name,
        longer: true,
      });
    }
  });

  it('scales each Deployment with an HPA (which owns the replica count) and bounds disruption with a PDB', () => {
    for (const object of deployments()) {
      const name = object.metadata.name;
      const labels = object.spec.template.metadata.labels;
      expect({ name, replicas: object.spec.replicas }).toEqual({ name, replicas: undefined });
      const hpas = all('HorizontalPodAutoscaler').filter(
        hpa =>
          hpa.spec.scaleTargetRef.kind === 'Deployment' && hpa.spec.scaleTargetRef.name === name,
      );
      expect({ name, hpas: hpas.length }).toEqual({ name, hpas: 1 });
      const { minReplicas, maxReplicas, metrics } = hpas[0].spec;
      expect({
        name,
        ok: minReplicas >= 2 && maxReplicas > minReplicas && metrics.length > 0,
      }).toEqual({ name, ok: true });
      const pdbs = all('PodDisruptionBudget').filter(pdb => matches(pdb.spec.selector, labels));
      expect({ name, pdbs: pdbs.length }).toEqual({ name, pdbs: 1 });
      // a Deployment's selector picks its own pods, and a Service's selects one Deployment's
      expect(matches(object.spec.selector, labels)).toBe(true);
    }
    for (const service of all('Service')) {
      const selected = deployments().filter(object =>
        matches({ matchLabels: service.spec.selector }, object.spec.template.metadata.labels),
      );
      expect({ service: service.metadata.name, selected: selected.length }).toEqual({
        service: service.metadata.name,
        selected: 1,
      });
    }
  });

  it('lets only the gateway reach the subgraphs (network policies), and denies what no policy allows', () => {
    const policies = all('NetworkPolicy');
    expect(
      policies.some(
        policy =>
          Object.keys(policy.spec.podSelector).length === 0 &&
          policy.spec.policyTypes.includes('Ingress') &&
          !policy.spec.ingress,
      ),
    ).toBe(true);
    const podsOf = (selector: any) =>
      deployments()
        .filter(object => matches(selector, object.spec.template.metadata.labels))
        .map(object => object.metadata.name);
    for (const { definition } of SUBGRAPHS) {
      const labels = named('Deployment', definition.name).spec.template.metadata.labels;
      const rules = policies
        .filter(policy => matches(policy.spec.podSelector, labels))
        .flatMap(policy => policy.spec.ingress ?? []);
      // the rules that open the GraphQL port (a rule without ports opens every port)
      const http = rules.filter(
        (rule: any) => !rule.ports || rule.ports.some((port: any) => port.port === 4000),
      );
      expect({ subgraph: definition.name, rules: http.length > 0 }).toEqual({
        subgraph: definition.name,
        rules: true,
      });
      for (const rule of http) {
        expect({ subgraph: definition.name, from: rule.from?.length > 0 }).toEqual({
          subgraph: definition.name,
          from: true,
        });
        for (const peer of rule.from) {
          expect({
            subgraph: definition.name,
            peer: Object.keys(peer),
            pods: podsOf(peer.podSelector),
          }).toEqual({
            subgraph: definition.name,
            peer: ['podSelector'],
            pods: ['gateway'],
          });
        }
      }
    }
  });

  it('runs the migration Job before the rollout', () => {
    const job = named('Job', 'migrate');
    expect(entryOf(job)).toBe('packages/launcher/src/migrate-cli.ts');
    expect(job.metadata.annotations?.['argocd.argoproj.io/hook']).toBe('PreSync');
    expect(podSpecOf(job).restartPolicy).toBe('Never');
    const script = readFileSync(join(kubernetes, 'rollout.sh'), 'utf8');
    const lines = script.split('\n');
    const jobApplied = lines.findIndex(line => line.includes('app.kubernetes.io/name=migrate'));
    const waited = lines.findIndex(line => line.includes('kubectl wait job/migrate'));
    const everything = lines.findIndex(line => /kubectl apply -f "\$rendered"\s*$/.test(line));
    expect(jobApplied).toBeGreaterThan(0);
    expect(waited).toBeGreaterThan(jobApplied);
    expect(everything).toBeGreaterThan(waited);
  });
});
