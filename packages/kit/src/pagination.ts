import { type ClassType, Directive, Field, ObjectType, ArgsType, Int } from 'type-graphql';
import { badInput } from './errors';
import { INHERITED_CACHE } from './federation';
import { IntRange } from './validation';

export const MAX_PAGE_SIZE = 100;

// A value type every subgraph with a list returns: federation needs it @shareable to compose.
@Directive('@shareable')
@Directive(INHERITED_CACHE)
@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: 'How many items, 1 to 100.' })
  @IntRange(1, MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount?: number;
}

/**
 * The `XConnection` / `XEdge` types of a node type. Call it at module load
 * (`export const VideoConnection = ConnectionType(Video)`), not inside a decorator's type function:
 * type-graphql ignores object types first declared while the schema is being built.
 */
const connectionTypes = new Map<ClassType, ClassType>();

export function ConnectionType<T extends object>(nodeType: ClassType<T>): ClassType<Connection<T>> {
  const known = connectionTypes.get(nodeType);
  if (known) {
    return known as ClassType<Connection<T>>;
  }
  // as cacheable as the field listing them: the nodes' own hints decide the rest
  @Directive(INHERITED_CACHE)
  @ObjectType(`${nodeType.name}Edge`)
  class EdgeClass {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  // no hint of its own: a list is cached only where its field says so (a root list hinted public
  // or per viewer); a list nested in a cached type without a hint (a video's comments, a playlist's
  // items: what the viewer adds and expects to see at once) stays uncacheable
  @ObjectType(`${nodeType.name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeClass])
    edges!: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  connectionTypes.set(nodeType, ConnectionClass);
  return ConnectionClass;
}

/** Cursors are opaque to clients: base64url of the sort key. */
export const encodeCursor = (key: (string | number)[]) =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string): (string | number)[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.every(part => ['string', 'number'].includes(typeof part))) {
      return key;
    }
  } catch {
    // fall through to the coded error
  }
  throw badInput('The cursor is not valid.', [
    { field: 'after', message: 'Not a cursor from this list.' },
  ]);
}

export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first: A whole number from 1 to ${MAX_PAGE_SIZE}.`, [
      { field: 'first', message: `A whole number from 1 to ${MAX_PAGE_SIZE}.` },
    ]);
  }
  return first;
}

/**
 * Builds a connection from rows fetched with `limit first + 1` in cursor order: the extra row only
 * tells whether a next page exists.
 */
export function toConnection<T>(
  rows: T[],
  first: number,
  cursorOf: (row: T) => (string | number)[],
  hasPreviousPage = false,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map(node => ({ node, cursor: encodeCursor(cursorOf(node)) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
