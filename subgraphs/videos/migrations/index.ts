import { Migration20261129071424 } from './Migration20261129071424';

export const migrations = [{ name: 'Migration20261129071424', class: Migration20261129071424 }];
