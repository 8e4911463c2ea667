import { Migration20261129071802 } from './Migration20261129071802';
import { Migration20261129080054 } from './Migration20261129080054';
import { Migration20261206105551 } from './Migration20261206105551';
import { Migration20261206143838 } from './Migration20261206143838';
import { Migration20261207004500 } from './Migration20261207004500';

export const migrations = [
  { name: 'Migration20261129071802', class: Migration20261129071802 },
  { name: 'Migration20261129080054', class: Migration20261129080054 },
  { name: 'Migration20261206105551', class: Migration20261206105551 },
  { name: 'Migration20261206143838', class: Migration20261206143838 },
  { name: 'Migration20261207004500', class: Migration20261207004500 },
];
