export * from './gql';
export * from './hooks';
