import 'reflect-metadata';

export * from './auth';
export * from './db';
export * from './env';
export * from './errors';
export * from './federation';
export * from './logger';
export * from './rate-limit';
export * from './redis';
export * from './presence';
export * from './server';
export * from './subgraph';
export * from './pagination';
export * from './domain';
export * from './entitlements';
export * from './loaders';
export * from './keyset';
export * from './messaging';
