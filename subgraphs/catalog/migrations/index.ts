import { Migration20261129071634 } from './Migration20261129071634';
import { Migration20261206105758 } from './Migration20261206105758';

export const migrations = [
  { name: 'Migration20261129071634', class: Migration20261129071634 },
  { name: 'Migration20261206105758', class: Migration20261206105758 },
];
