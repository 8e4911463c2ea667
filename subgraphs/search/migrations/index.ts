import { Migration20261129071802 } from './Migration20261129071802';
import { Migration20261129080054 } from './Migration20261129080054';

export const migrations = [
  { name: 'Migration20261129071802', class: Migration20261129071802 },
  { name: 'Migration20261129080054', class: Migration20261129080054 },
];
