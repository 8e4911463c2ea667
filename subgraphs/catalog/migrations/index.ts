import { Migration20261129071634 } from './Migration20261129071634';

export const migrations = [{ name: 'Migration20261129071634', class: Migration20261129071634 }];
