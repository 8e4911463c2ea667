import { Migration20261129071424 } from './Migration20261129071424';
import { Migration20261129074200 } from './Migration20261129074200';
import { Migration20261129091047 } from './Migration20261129091047';
import { Migration20261206075008 } from './Migration20261206075008';
import { Migration20261206075442 } from './Migration20261206075442';
import { Migration20261206080008 } from './Migration20261206080008';
import { Migration20261206080625 } from './Migration20261206080625';
import { Migration20261206105111 } from './Migration20261206105111';
import { Migration20261206105112 } from './Migration20261206105112';
import { Migration20261206105545 } from './Migration20261206105545';
import { Migration20261206110849 } from './Migration20261206110849';
import { Migration20261206124415 } from './Migration20261206124415';
import { Migration20261206142910 } from './Migration20261206142910';
import { Migration20261206172856 } from './Migration20261206172856';

export const migrations = [
  { name: 'Migration20261129071424', class: Migration20261129071424 },
  { name: 'Migration20261129074200', class: Migration20261129074200 },
  { name: 'Migration20261129091047', class: Migration20261129091047 },
  { name: 'Migration20261206075008', class: Migration20261206075008 },
  { name: 'Migration20261206075442', class: Migration20261206075442 },
  { name: 'Migration20261206080008', class: Migration20261206080008 },
  { name: 'Migration20261206080625', class: Migration20261206080625 },
  { name: 'Migration20261206105111', class: Migration20261206105111 },
  { name: 'Migration20261206105112', class: Migration20261206105112 },
  { name: 'Migration20261206105545', class: Migration20261206105545 },
  { name: 'Migration20261206110849', class: Migration20261206110849 },
  { name: 'Migration20261206124415', class: Migration20261206124415 },
  { name: 'Migration20261206142910', class: Migration20261206142910 },
  { name: 'Migration20261206172856', class: Migration20261206172856 },
];
