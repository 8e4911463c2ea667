import fc from 'fast-check';
import {
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';

/**
 * Operations and variables drawn from the public schema (schema/api.graphql): mostly well typed
 * with real ids so resolvers go deep, and in a share of them one argument made wrong on purpose
 * (wrong type, null, missing, huge, odd unicode, hostile text), plus selections that are wide,
 * deep, aliased or past the gateway's limits. Every choice comes from fast-check's generator, so
 * one seed gives one sequence of operations.
 */

/** What the fuzzer does to one argument of the operation's root field. */
export type Fault =
  'none' | 'wrong-type' | 'null' | 'missing' | 'huge' | 'unicode' | 'hostile' | 'out-of-range';

export type Shape = 'narrow' | 'wide' | 'deep' | 'too-deep' | 'many-aliases';

export interface FuzzOperation {
  root: 'query' | 'mutation' | 'subscription';
  field: string;
  query: string;
  variables: Record<string, unknown>;
  fault: Fault;
  shape: Shape;
}

/** Ids, emails and the like the fuzzer has seen: seeded ones and those harvested from answers. */
export interface FuzzPools {
  ids: string[];
  emails: string[];
}

/**
 * Root fields whose success with a seeded id would spoil the run for what follows (the seeded
 * video, comment and playlist; the accounts' roles and standing): they get other ids only.
 */
export const SPARE_SEEDED_IDS = new Set([
  'deleteVideo',
  'deleteComment',
  'deletePlaylist',
  'setUserRoles',
  'suspendUser',
  'takeDown',
]);

const FAULTS: Fault[] = [
  'wrong-type',
  'null',
  'missing',
  'huge',
  'unicode',
  'hostile',
  'out-of-range',
];

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'nul\u0000byte',
  '\ud800',
  '\u202eevil',
  "Robert'); DROP TABLE users;--",
  '" OR 1=1 --',
  '$where: 1',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '%s%s%s%n',
  '{{7*7}}',
  'http://127.0.0.1:5432/',
  'file:///etc/passwd',
  '𠮷野家 ＡＢＣ ｶﾀｶﾅ',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  '\r\n\t\b\f',
  'null',
  'undefined',
  'NaN',
  '-1',
  '9'.repeat(40),
];

type Draw = fc.GeneratorValue;

/** Uniform draws: fast-check's bias towards edges is welcome for values, not for picking fields. */
const int = (g: Draw, min: number, max: number) => g(() => fc.noBias(fc.integer({ min, max })));
const pick = <T>(g: Draw, items: readonly T[]): T =>
  items.length ? items[int(g, 0, items.length - 1)] : (undefined as T);
const chance = (g: Draw, percent: number) => int(g, 1, 100) <= percent;

export class OperationGenerator {
  private readonly roots: Record<FuzzOperation['root'], GraphQLObjectType | undefined>;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly pools: FuzzPools,
  ) {
    this.roots = {
      query: schema.getQueryType() ?? undefined,
      mutation: schema.getMutationType() ?? undefined,
      subscription: schema.getSubscriptionType() ?? undefined,
    };
  }

  next(g: Draw): FuzzOperation {
    const roll = int(g, 1, 100);
    const root = roll <= 55 ? 'query' : roll <= 97 ? 'mutation' : 'subscription';
    const type = this.roots[root]!;
    const field = pick(g, Object.values(type.getFields()));
    const fault: Fault = chance(g, 50) ? 'none' : pick(g, FAULTS);
    const shapeRoll = int(g, 1, 100);
    const shape: Shape =
      shapeRoll <= 40
        ? 'narrow'
        : shapeRoll <= 70
          ? 'wide'
          : shapeRoll <= 92
            ? 'deep'
            : shapeRoll <= 96 || root !== 'query'
              ? 'too-deep'
              : 'many-aliases';
    const context = new OperationContext(
      g,
      this.schema,
      this.pools,
      SPARE_SEEDED_IDS.has(field.name),
    );
    const viaVariables = chance(g, 75);
    const args = context.rootArguments(field, fault, viaVariables);
    const selection = context.selectionFor(
      field.type,
      shape === 'too-deep' ? 14 : shape === 'deep' ? 8 : 4,
      shape,
    );
    const call = `${field.name}${args}${selection}`;
    const body =
      shape === 'many-aliases'
        ? Array.from({ length: int(g, 3, 20) }, (_, i) => `a${i}: ${call}`).join('\n')
        : call;
    const definitions = context.variableDefinitions();
    return {
      root,
      field: field.name,
      query: `${root}${definitions ? ` Fuzz(${definitions})` : ''} {\n${body}\n}`,
      variables: context.variables,
      fault,
      shape,
    };
  }
}

class OperationContext {
  readonly variables: Record<string, unknown> = {};
  private readonly definitions: string[] = [];

  constructor(
    private readonly g: Draw,
    private readonly schema: GraphQLSchema,
    private readonly pools: FuzzPools,
    private readonly spareSeeded: boolean,
  ) {}

  variableDefinitions() {
    return this.definitions.join(', ');
  }

  /** The root field's arguments; the fault (if any) lands on one of them or on a value inside it. */
  rootArguments(field: GraphQLField<unknown, unknown>, fault: Fault, viaVariables: boolean) {
    const { g } = this;
    const args = field.args;
    const target = args.length ? int(g, 0, args.length - 1) : -1;
    const parts: string[] = [];
    for (const [i, arg] of args.entries()) {
      const faulty = i === target ? fault : 'none';
      if (faulty === 'missing' && isNonNullType(arg.type)) {
        if (viaVariables) {
          // declared but never given: a coercion error rather than a validation one
          const name = `v${this.definitions.length}`;
          this.definitions.push(`$${name}: ${String(arg.type)}`);
          parts.push(`${arg.name}: $${name}`);
        }
        continue;
      }
      if (
        !isNonNullType(arg.type) &&
        arg.defaultValue === undefined &&
        faulty === 'none' &&
        chance(g, 50)
      ) {
        continue;
      }
      const value = this.valueOf(arg.type, faulty, arg.name);
      if (viaVariables) {
        const name = `v${this.definitions.length}`;
        this.definitions.push(`$${name}: ${String(arg.type)}`);
        this.variables[name] = value;
        parts.push(`${arg.name}: $${name}`);
      } else {
        parts.push(`${arg.name}: ${literal(value, arg.type)}`);
      }
    }
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  private nestedArguments(args: readonly GraphQLArgument[]) {
    const parts = args
      .filter(arg => isNonNullType(arg.type) || chance(this.g, 40))
      .map(arg => `${arg.name}: ${literal(this.valueOf(arg.type, 'none', arg.name), arg.type)}`);
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  selectionFor(type: GraphQLOutputType, depth: number, shape: Shape): string {
    const named = getNamedType(type);
    if (isLeafType(named)) {
      return '';
    }
    if (depth <= 0) {
      return ' { __typename }';
    }
    if (isUnionType(named)) {
      const members = named.getTypes().filter(() => chance(this.g, shape === 'narrow' ? 30 : 70));
      const fragments = members.map(
        member => `... on ${member.name}${this.fieldsOf(member, depth, shape)}`,
      );
      return ` { __typename ${fragments.join(' ')} }`;
    }
    if (isObjectType(named) || isInterfaceType(named)) {
      let selection = this.fieldsOf(named, depth, shape);
      if (isInterfaceType(named) && chance(this.g, 50)) {
        const member = pick(this.g, this.schema.getPossibleTypes(named));
        if (member) {
          selection = selection.replace(
            / }$/,
            ` ... on ${member.name}${this.fieldsOf(member, depth, shape)} }`,
          );
        }
      }
      return selection;
    }
    return ' { __typename }';
  }

  private fieldsOf(
    type: GraphQLObjectType | GraphQLNamedType,
    depth: number,
    shape: Shape,
  ): string {
    const fields = Object.values((type as GraphQLObjectType).getFields());
    const leaves = fields.filter(field => isLeafType(getNamedType(field.type)));
    const branches = fields.filter(field => !isLeafType(getNamedType(field.type)));
    const { g } = this;
    const chosenLeaves =
      shape === 'wide' || shape === 'many-aliases'
        ? leaves
        : leaves.filter(() => chance(g, shape === 'narrow' ? 25 : 35));
    const branchCount =
      shape === 'deep' || shape === 'too-deep'
        ? Math.min(branches.length, int(g, 1, 2))
        : shape === 'wide'
          ? Math.min(branches.length, int(g, 0, 3))
          : Math.min(branches.length, int(g, 0, 1));
    const chosenBranches = new Set<GraphQLField<unknown, unknown>>();
    while (chosenBranches.size < branchCount) {
      chosenBranches.add(pick(g, branches));
    }
    const parts = [
      '__typename',
      ...chosenLeaves.map(field => `${field.name}${this.nestedArguments(field.args)}`),
      ...[...chosenBranches].map(
        field =>
          `${field.name}${this.nestedArguments(field.args)}${this.selectionFor(field.type, depth - 1, shape)}`,
      ),
    ];
    return ` { ${parts.join(' ')} }`;
  }

  /** A value for `type`, well formed unless `fault` says otherwise. */
  valueOf(type: GraphQLInputType, fault: Fault, name: string): unknown {
    const { g } = this;
    if (fault === 'null') {
      return null;
    }
    if (isNonNullType(type)) {
      return this.valueOf(type.ofType, fault, name);
    }
    if (isListType(type)) {
      if (fault === 'wrong-type' && chance(g, 50)) {
        return this.valueOf(type.ofType, 'none', name);
      }
      const length = fault === 'huge' ? int(g, 200, 2000) : int(g, 0, 3);
      const faultyItem = length ? int(g, 0, length - 1) : -1;
      return Array.from({ length }, (_, i) =>
        this.valueOf(type.ofType, i === faultyItem && fault !== 'huge' ? fault : 'none', name),
      );
    }
    if (isInputObjectType(type)) {
      if (fault === 'wrong-type' && chance(g, 40)) {
        return pick(g, ['object?', 42, true, [], [{}]]);
      }
      const fields = Object.values(type.getFields());
      const faulty = fault === 'none' ? undefined : pick(g, fields);
      const value: Record<string, unknown> = {};
      for (const field of fields) {
        const own: Fault = field === faulty ? fault : 'none';
        if (own === 'missing' && isNonNullType(field.type)) {
          continue;
        }
        if (!required(field) && own === 'none' && chance(g, 50)) {
          continue;
        }
        value[field.name] = this.valueOf(field.type, own === 'missing' ? 'none' : own, field.name);
      }
      if (fault === 'wrong-type' && chance(g, 30)) {
        value.notAField = 'surprise';
      }
      return value;
    }
    if (isEnumType(type)) {
      const values = type.getValues().map(value => value.name);
      switch (fault) {
        case 'wrong-type':
          return pick(g, [7, true, 'NOT_A_VALUE', values[0]?.toLowerCase() ?? 'x']);
        case 'huge':
          return 'X'.repeat(int(g, 1000, 50_000));
        case 'unicode':
        case 'hostile':
          return pick(g, HOSTILE_STRINGS);
        default:
          return pick(g, values);
      }
    }
    return this.scalar(type.name, fault, name);
  }

  private scalar(scalar: string, fault: Fault, name: string): unknown {
    const { g } = this;
    switch (fault) {
      case 'wrong-type':
        return scalar === 'String' || scalar === 'ID'
          ? pick(g, [true, { a: 1 }, [1, 2], 1.5])
          : pick(g, ['12', 'abc', true, { a: 1 }, [1], 1.5, 2 ** 31, -(2 ** 60)]);
      case 'huge':
        return scalar === 'Int' || scalar === 'Float' || scalar === 'SafeInt'
          ? pick(g, [2 ** 31 - 1, 2 ** 53 - 1, 1e308, -(2 ** 31)])
          : pick(g, ['あ', 'a', '𠮷', '<x>'] as const).repeat(int(g, 2_000, 60_000));
      case 'unicode':
        return scalar === 'Int' ||
          scalar === 'Float' ||
          scalar === 'SafeInt' ||
          scalar === 'Boolean'
          ? pick(g, ['１２', '٣', '⅔'])
          : g(fc.string, { unit: pick(g, ['grapheme', 'binary'] as const), maxLength: 80 });
      case 'hostile':
        return pick(g, HOSTILE_STRINGS);
      case 'out-of-range':
        return scalar === 'String' || scalar === 'ID'
          ? pick(g, ['', ' ', '0', '-1', 'x'.repeat(int(g, 200, 5000))])
          : pick(g, [0, -1, -100_000, 101, 1_000_000, 2 ** 31 - 1, -(2 ** 31)]);
      default:
        return this.wellFormedScalar(scalar, name);
    }
  }

  private wellFormedScalar(scalar: string, name: string): unknown {
    const { g } = this;
    const lower = name.toLowerCase();
    switch (scalar) {
      case 'ID':
        return this.id();
      case 'Int':
      case 'SafeInt':
        if (lower === 'first' || lower === 'last' || lower === 'limit') {
          return int(g, 1, 10);
        }
        if (lower.includes('jpy') || lower.includes('amount') || lower.includes('price')) {
          return pick(g, [100, 500, 1000, 3000, int(g, 1, 100_000)]);
        }
        return g(fc.integer, { min: -5, max: 5000 });
      case 'Float':
        return g(fc.double, { min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
      case 'Boolean':
        return chance(g, 50);
      case 'DateTime': {
        const days = int(g, -400, 400);
        return new Date(Date.UTC(2026, 11, 1) + days * 86_400_000).toISOString();
      }
      default:
        if (lower.includes('email')) {
          return chance(g, 50) && this.pools.emails.length
            ? pick(g, this.pools.emails)
            : `fuzz${int(g, 1, 1e6)}@example.com`;
        }
        if (lower.includes('password')) {
          return chance(g, 50) ? 'correct horse battery staple' : g(fc.string, { maxLength: 40 });
        }
        if (lower.includes('handle')) {
          return `fuzz_${int(g, 1, 1e6)}`;
        }
        if (lower.includes('url')) {
          return pick(g, ['https://example.com/hook', 'http://127.0.0.1:1/x', 'not a url']);
        }
        if (lower.includes('territor') || lower.includes('country')) {
          return pick(g, ['JP', 'US', 'FR', 'ZZ', 'jp']);
        }
        if (lower.includes('date')) {
          return pick(g, ['1990-04-21', '2015-01-01', '2026-02-30', 'yesterday']);
        }
        return chance(g, 70)
          ? `fuzz ${g(fc.string, { minLength: 1, maxLength: 24 })}`
          : g(fc.string, { unit: 'grapheme', maxLength: 40 });
    }
  }

  private id(): string | number {
    const { g } = this;
    const roll = int(g, 1, 100);
    if (roll <= 75 && this.pools.ids.length && !this.spareSeeded) {
      return pick(g, this.pools.ids);
    }
    if (roll <= 88) {
      return g(fc.uuid);
    }
    return pick(g, ['0', '1', 'abc', '00000000-0000-0000-0000-000000000000', 'VmlkZW86MQ==', 12]);
  }
}

const required = (field: GraphQLInputField) =>
  isNonNullType(field.type) && field.defaultValue === undefined;

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** A value written inline in the document; enum positions get bare names, as GraphQL wants them. */
export function literal(value: unknown, type?: GraphQLInputType): string {
  const inner = type && isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined) {
    return 'null';
  }
  if (Array.isArray(value)) {
    const item = inner && isListType(inner) ? inner.ofType : undefined;
    return `[${value.map(entry => literal(entry, item)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = inner && isInputObjectType(inner) ? inner.getFields() : {};
    return `{${Object.entries(value)
      .map(([key, entry]) => `${key}: ${literal(entry, fields[key]?.type)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string') {
    return inner && isEnumType(inner) && NAME.test(value) ? value : JSON.stringify(value);
  }
  return String(value);
}
