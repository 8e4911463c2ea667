import { Migration20261129071633 } from './Migration20261129071633';
import { Migration20261129074342 } from './Migration20261129074342';
import { Migration20261129080223 } from './Migration20261129080223';

export const migrations = [
  { name: 'Migration20261129071633', class: Migration20261129071633 },
  { name: 'Migration20261129074342', class: Migration20261129074342 },
  { name: 'Migration20261129080223', class: Migration20261129080223 },
];
