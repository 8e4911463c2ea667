import { Migration20261129071620 } from './Migration20261129071620';
import { Migration20261129073854 } from './Migration20261129073854';
import { Migration20261206080000 } from './Migration20261206080000';
import { Migration20261206094500 } from './Migration20261206094500';
import { Migration20261206100000 } from './Migration20261206100000';
import { Migration20261206101000 } from './Migration20261206101000';
import { Migration20261206105036 } from './Migration20261206105036';
import { Migration20261206110048 } from './Migration20261206110048';
import { Migration20261206110546 } from './Migration20261206110546';
import { Migration20261206113945 } from './Migration20261206113945';
import { Migration20261206115918 } from './Migration20261206115918';
import { Migration20261206121630 } from './Migration20261206121630';
import { Migration20261206142311 } from './Migration20261206142311';
import { Migration20261206142640 } from './Migration20261206142640';
import { Migration20261206213000 } from './Migration20261206213000';
import { Migration20261207003435 } from './Migration20261207003435';
import { Migration20261207050000 } from './Migration20261207050000';

export const migrations = [
  { name: 'Migration20261129071620', class: Migration20261129071620 },
  { name: 'Migration20261129073854', class: Migration20261129073854 },
  { name: 'Migration20261206080000', class: Migration20261206080000 },
  { name: 'Migration20261206094500', class: Migration20261206094500 },
  { name: 'Migration20261206100000', class: Migration20261206100000 },
  { name: 'Migration20261206101000', class: Migration20261206101000 },
  { name: 'Migration20261206105036', class: Migration20261206105036 },
  { name: 'Migration20261206110048', class: Migration20261206110048 },
  { name: 'Migration20261206110546', class: Migration20261206110546 },
  { name: 'Migration20261206113945', class: Migration20261206113945 },
  { name: 'Migration20261206115918', class: Migration20261206115918 },
  { name: 'Migration20261206121630', class: Migration20261206121630 },
  { name: 'Migration20261206142311', class: Migration20261206142311 },
  { name: 'Migration20261206142640', class: Migration20261206142640 },
  { name: 'Migration20261206213000', class: Migration20261206213000 },
  { name: 'Migration20261207003435', class: Migration20261207003435 },
  { name: 'Migration20261207050000', class: Migration20261207050000 },
];
