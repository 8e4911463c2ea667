import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from 'graphql';

/** One subgraph as the supergraph names it. */
export interface SubgraphInfo {
  name: string;
  url: string;
}

interface TypeInGraph {
  /** Each @key of the type in that subgraph, as a list of top-level field names. */
  keys: string[][];
  resolvable: boolean;
}

interface TypeOwnership {
  graphs: Map<string, TypeInGraph>;
  /** Field name → subgraphs that resolve it; absent when every subgraph of the type does. */
  fields: Map<string, string[]>;
}

const argument = (directive: ConstDirectiveNode, name: string) => {
  const value = directive.arguments?.find(arg => arg.name.value === name)?.value;
  if (!value) {
    return undefined;
  }
  return value.kind === Kind.ENUM || value.kind === Kind.STRING || value.kind === Kind.BOOLEAN
    ? value.value
    : undefined;
};

/**
 * Who resolves what, read from the supergraph's join__ directives: which subgraph owns a root field,
 * which subgraphs resolve each field of each type, and by which keys an entity can be fetched.
 * Only flat keys (`id`, `id sku`) are supported; nested key field sets are refused when used.
 */
export class SupergraphOwnership {
  /** By subgraph name. */
  readonly subgraphs = new Map<string, SubgraphInfo>();
  private readonly types = new Map<string, TypeOwnership>();

  constructor(supergraph: string | DocumentNode) {
    const document = typeof supergraph === 'string' ? parse(supergraph) : supergraph;
    const graphNames = new Map<string, string>(); // join__Graph enum value → subgraph name
    for (const definition of document.definitions) {
      if (
        definition.kind === Kind.ENUM_TYPE_DEFINITION &&
        definition.name.value === 'join__Graph'
      ) {
        for (const value of definition.values ?? []) {
          const graph = value.directives?.find(d => d.name.value === 'join__graph');
          const name = graph && argument(graph, 'name');
          const url = graph && argument(graph, 'url');
          if (typeof name === 'string') {
            graphNames.set(value.name.value, name);
            this.subgraphs.set(name, { name, url: typeof url === 'string' ? url : '' });
          }
        }
      }
    }
    for (const definition of document.definitions) {
      if (
        definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
        definition.kind === Kind.OBJECT_TYPE_EXTENSION ||
        definition.kind === Kind.INTERFACE_TYPE_DEFINITION
      ) {
        this.readType(definition as ObjectTypeDefinitionNode | ObjectTypeExtensionNode, graphNames);
      }
    }
  }

  private readType(
    definition: ObjectTypeDefinitionNode | ObjectTypeExtensionNode,
    graphNames: Map<string, string>,
  ) {
    const ownership: TypeOwnership = { graphs: new Map(), fields: new Map() };
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'join__type') {
        continue;
      }
      const graph = graphNames.get(String(argument(directive, 'graph')));
      if (!graph) {
        continue;
      }
      const entry = ownership.graphs.get(graph) ?? { keys: [], resolvable: true };
      const key = argument(directive, 'key');
      if (typeof key === 'string') {
        entry.keys.push(key.trim().split(/\s+/));
        if (argument(directive, 'resolvable') === false) {
          entry.resolvable = false;
        }
      }
      ownership.graphs.set(graph, entry);
    }
    for (const field of definition.fields ?? []) {
      const resolvers = this.fieldResolvers(field, graphNames);
      if (resolvers) {
        ownership.fields.set(field.name.value, resolvers);
      }
    }
    this.types.set(definition.name.value, ownership);
  }

  private fieldResolvers(field: FieldDefinitionNode, graphNames: Map<string, string>) {
    const joins = (field.directives ?? []).filter(d => d.name.value === 'join__field');
    if (joins.length === 0) {
      return undefined;
    }
    return joins
      .filter(d => argument(d, 'external') !== true && argument(d, 'usedOverridden') !== true)
      .map(d => graphNames.get(String(argument(d, 'graph'))))
      .filter((graph): graph is string => !!graph);
  }

  /** The subgraphs that can resolve `typeName.fieldName`. */
  resolversOf(typeName: string, fieldName: string): string[] {
    const type = this.types.get(typeName);
    if (!type) {
      return [];
    }
    if (fieldName === '__typename') {
      return [...type.graphs.keys()];
    }
    return type.fields.get(fieldName) ?? [...type.graphs.keys()];
  }

  resolves(graph: string, typeName: string, fieldName: string) {
    return this.resolversOf(typeName, fieldName).includes(graph);
  }

  /** The subgraph that serves a root Subscription field. */
  subscriptionOwner(fieldName: string, subscriptionType = 'Subscription'): string | undefined {
    return this.resolversOf(subscriptionType, fieldName)[0];
  }

  /**
   * A key by which `owner` can fetch entities of `typeName` that `from` returns: `owner` must be able
   * to resolve the entity by that key, and `from` must know the key's fields.
   */
  entityKey(typeName: string, from: string, owner: string): string[] | undefined {
    const type = this.types.get(typeName);
    const ownerEntry = type?.graphs.get(owner);
    if (!type || !ownerEntry?.resolvable) {
      return undefined;
    }
    return ownerEntry.keys.find(key => key.every(field => this.resolves(from, typeName, field)));
  }
}
