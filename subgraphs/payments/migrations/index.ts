import { Migration20261129071413 } from './Migration20261129071413';
import { Migration20261129071414 } from './Migration20261129071414';

export const migrations = [
  { name: 'Migration20261129071413', class: Migration20261129071413 },
  { name: 'Migration20261129071414', class: Migration20261129071414 },
];
