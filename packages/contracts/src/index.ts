export * from './contract';
export * from './events';
export { eventsTable } from './table';
