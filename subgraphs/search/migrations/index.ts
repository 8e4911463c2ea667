import { Migration20261129071802 } from './Migration20261129071802';

export const migrations = [{ name: 'Migration20261129071802', class: Migration20261129071802 }];
