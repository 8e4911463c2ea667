import { Migration20261129071633 } from './Migration20261129071633';
import { Migration20261129074342 } from './Migration20261129074342';
import { Migration20261129080223 } from './Migration20261129080223';
import { Migration20261206144218 } from './Migration20261206144218';
import { Migration20261206145846 } from './Migration20261206145846';
import { Migration20261206174156 } from './Migration20261206174156';

export const migrations = [
  { name: 'Migration20261129071633', class: Migration20261129071633 },
  { name: 'Migration20261129074342', class: Migration20261129074342 },
  { name: 'Migration20261129080223', class: Migration20261129080223 },
  { name: 'Migration20261206144218', class: Migration20261206144218 },
  { name: 'Migration20261206145846', class: Migration20261206145846 },
  { name: 'Migration20261206174156', class: Migration20261206174156 },
];
