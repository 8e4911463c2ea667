import { Migration20261129071413 } from './Migration20261129071413';
import { Migration20261129071414 } from './Migration20261129071414';
import { Migration20261129074212 } from './Migration20261129074212';
import { Migration20261129074549 } from './Migration20261129074549';
import { Migration20261206121822 } from './Migration20261206121822';
import { Migration20261206143828 } from './Migration20261206143828';
import { Migration20261206173738 } from './Migration20261206173738';
import { Migration20261206174817 } from './Migration20261206174817';
import { Migration20261206213100 } from './Migration20261206213100';
import { Migration20261207014800 } from './Migration20261207014800';

export const migrations = [
  { name: 'Migration20261129071413', class: Migration20261129071413 },
  { name: 'Migration20261129071414', class: Migration20261129071414 },
  { name: 'Migration20261129074212', class: Migration20261129074212 },
  { name: 'Migration20261129074549', class: Migration20261129074549 },
  { name: 'Migration20261206121822', class: Migration20261206121822 },
  { name: 'Migration20261206143828', class: Migration20261206143828 },
  { name: 'Migration20261206173738', class: Migration20261206173738 },
  { name: 'Migration20261206174817', class: Migration20261206174817 },
  { name: 'Migration20261206213100', class: Migration20261206213100 },
  { name: 'Migration20261207014800', class: Migration20261207014800 },
];
