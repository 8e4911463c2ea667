import 'reflect-metadata';

export * from './auth';
export * from './client-address';
export * from './db';
export * from './env';
export * from './executables';
export * from './health-server';
export * from './listen';
export * from './errors';
export * from './federation';
export * from './logger';
export * from './memoize';
export * from './rate-limit';
export * from './backoff';
export * from './cost-bucket';
export * from './redis';
export * from './revocation';
export * from './response-cache';
export * from './presence';
export * from './server';
export {
  type GraphqlAnswer,
  isDirectGraphqlRequest,
  type LocalGraphql,
  readJsonBody,
} from './graphql-http';
export * from './stopping';
export * from './subgraph';
export * from './territory';
export * from './pagination';
export * from './domain';
export * from './entitlements';
export * from './loaders';
export * from './map-rows';
export * from './prepared';
export * from './keyset';
export * from './messaging';
export * from './validation';
export * from './analytics';
export * from './audit';
export * from './suspensions';
export * from './language';
