import { Migration20261129071620 } from './Migration20261129071620';

export const migrations = [{ name: 'Migration20261129071620', class: Migration20261129071620 }];
