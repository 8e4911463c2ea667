import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as YAML gives it. */
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: any;
};

/** What this renderer does; a kustomization asking for more is refused (the test then says so). */
const SUPPORTED = new Set([
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'images',
  'patchesStrategicMerge',
]);
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'IngressClass',
]);

export const keyOf = (object: K8sObject) =>
  `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;

function readYamlFile(path: string): K8sObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map(document => {
      if (document.errors.length) {
        throw new Error(`${path}: ${document.errors[0].message}`);
      }
      return document.toJS() as K8sObject | null;
    })
    .filter((object): object is K8sObject => !!object);
}

/**
 * Strategic merge as kustomize applies it to what these manifests patch: maps merge key by key,
 * null removes a key, a list with a merge key (`name`; `containerPort` for ports) merges item by
 * item, any other list or value replaces.
 */
export function strategicMerge(target: any, patch: any): any {
  if (Array.isArray(patch) && Array.isArray(target)) {
    const mergeKey = ['name', 'containerPort'].find(key =>
      patch.every(item => item && typeof item === 'object' && key in item),
    );
    if (!mergeKey) {
      return patch;
    }
    const merged = [...target];
    for (const item of patch) {
      const index = merged.findIndex(existing => existing?.[mergeKey] === item[mergeKey]);
      if (index >= 0) {
        merged[index] = strategicMerge(merged[index], item);
      } else {
        merged.push(item);
      }
    }
    return merged;
  }
  if (
    patch &&
    typeof patch === 'object' &&
    !Array.isArray(patch) &&
    target &&
    typeof target === 'object' &&
    !Array.isArray(target)
  ) {
    const merged = { ...target };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) {
        delete merged[key];
      } else {
        merged[key] = key in target ? strategicMerge(target[key], value) : value;
      }
    }
    return merged;
  }
  return patch;
}

function setImages(
  object: K8sObject,
  images: { name: string; newName?: string; newTag?: string }[],
) {
  const pod =
    object.kind === 'Deployment' || object.kind === 'Job' ? object.spec?.template?.spec : undefined;
  for (const container of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]) {
    const [name, tag] = String(container.image).split(':');
    const image = images.find(candidate => candidate.name === name);
    if (image) {
      container.image = `${image.newName ?? name}${image.newTag ? `:${image.newTag}` : tag ? `:${tag}` : ''}`;
    }
  }
}

/**
 * Renders a kustomization the way `kubectl kustomize` does for the features these manifests use
 * (resources as files or folders, namespace, images, patchesStrategicMerge), so the manifests can
 * be checked where kubectl is not installed; where it is, the test checks both agree.
 */
export function renderKustomization(dir: string): K8sObject[] {
  const kustomization = readYamlFile(join(dir, 'kustomization.yaml'))[0] as any;
  const unsupported = Object.keys(kustomization).filter(key => !SUPPORTED.has(key));
  if (unsupported.length) {
    throw new Error(`${dir}: this renderer does not do ${unsupported.join(', ')}`);
  }
  let objects: K8sObject[] = [];
  for (const resource of kustomization.resources ?? []) {
    const path = join(dir, resource);
    objects.push(
      ...(statSync(path).isDirectory() ? renderKustomization(path) : readYamlFile(path)),
    );
  }
  for (const patchFile of kustomization.patchesStrategicMerge ?? []) {
    for (const patch of readYamlFile(join(dir, patchFile))) {
      const index = objects.findIndex(
        object => object.kind === patch.kind && object.metadata.name === patch.metadata.name,
      );
      if (index < 0) {
        throw new Error(`${patchFile}: no ${patch.kind} ${patch.metadata.name} to patch`);
      }
      objects[index] = strategicMerge(objects[index], patch);
    }
  }
  const seen = new Set<string>();
  objects = objects.map(object => {
    const copy = structuredClone(object);
    if (kustomization.namespace && !CLUSTER_SCOPED.has(copy.kind)) {
      copy.metadata.namespace = kustomization.namespace;
    }
    setImages(copy, kustomization.images ?? []);
    if (seen.has(keyOf(copy))) {
      throw new Error(`${dir}: ${keyOf(copy)} is defined twice`);
    }
    seen.add(keyOf(copy));
    return copy;
  });
  return objects;
}

/** `kubectl kustomize <dir>` parsed, or undefined when kubectl is not installed. */
export function renderWithKubectl(dir: string): K8sObject[] | undefined {
  let output: string;
  try {
    output = execFileSync('kubectl', ['kustomize', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
  return parseAllDocuments(output).map(document => document.toJS() as K8sObject);
}

/** Every YAML file under a folder (for the checks that look at the sources, not the render). */
export function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory()
      ? yamlFilesUnder(join(dir, entry.name))
      : entry.name.endsWith('.yaml')
        ? [join(dir, entry.name)]
        : [],
  );
}
