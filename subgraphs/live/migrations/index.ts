import { Migration20261129071633 } from './Migration20261129071633';

export const migrations = [{ name: 'Migration20261129071633', class: Migration20261129071633 }];
