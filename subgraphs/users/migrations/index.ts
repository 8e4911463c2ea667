import { Migration20261129071620 } from './Migration20261129071620';
import { Migration20261129073854 } from './Migration20261129073854';

export const migrations = [
  { name: 'Migration20261129071620', class: Migration20261129071620 },
  { name: 'Migration20261129073854', class: Migration20261129073854 },
];
