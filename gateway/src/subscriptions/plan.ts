import {
  getNamedType,
  isObjectType,
  Kind,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import { type SupergraphOwnership } from './ownership';

/** Helper fields the gateway adds to find entities in a result; removed before clients see it. */
export const HELPER_PREFIX = '_vp_';
export const TYPENAME_ALIAS = `${HELPER_PREFIX}typename`;
export const keyAlias = (field: string) => `${HELPER_PREFIX}k_${field}`;

/** Fields of entities found at `path` that `graph` resolves through `_entities`. */
export interface EntityFetch {
  graph: string;
  typeName: string;
  /** Response keys from the object this fetch hangs under (lists are walked through). */
  path: string[];
  keyFields: string[];
  /** The `_entities` query, with `$representations` and the client's variables it uses. */
  document: DocumentNode;
  variableNames: string[];
  /** Fields of those entities that `graph` itself cannot resolve, relative to each entity. */
  then: EntityFetch[];
}

export interface SubscriptionPlan {
  graph: string;
  /** What is sent to the owning subgraph: only what it resolves, plus the key fields of entities. */
  document: DocumentNode;
  variableNames: string[];
  fetches: EntityFetch[];
}

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
const field = (fieldName: string, alias?: string): FieldNode => ({
  kind: Kind.FIELD,
  name: name(fieldName),
  alias: alias ? name(alias) : undefined,
});
const selectionSet = (selections: readonly SelectionNode[]): SelectionSetNode => ({
  kind: Kind.SELECTION_SET,
  selections,
});

/** Replaces named fragment spreads with inline fragments, so splitting works on one tree. */
function inlineFragments(
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
) {
  const inline = (set: SelectionSetNode, seen: Set<string>): SelectionSetNode =>
    selectionSet(
      set.selections.map((selection): SelectionNode => {
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const fragment = fragments.get(selection.name.value);
          if (!fragment || seen.has(fragment.name.value)) {
            throw new Error(`Fragment ${selection.name.value} cannot be expanded.`);
          }
          return {
            kind: Kind.INLINE_FRAGMENT,
            typeCondition: fragment.typeCondition,
            directives: selection.directives,
            selectionSet: inline(fragment.selectionSet, new Set([...seen, fragment.name.value])),
          };
        }
        if (selection.selectionSet) {
          return { ...selection, selectionSet: inline(selection.selectionSet, seen) };
        }
        return selection;
      }),
    );
  return { ...operation, selectionSet: inline(operation.selectionSet, new Set()) };
}

function variablesUsedIn(node: SelectionSetNode): string[] {
  const used = new Set<string>();
  visit(node, {
    Variable(variable) {
      used.add(variable.name.value);
    },
  });
  return [...used];
}

/**
 * Splits a validated subscription document along subgraph ownership: the part the owning subgraph
 * resolves, and a tree of `_entities` fetches for the fields that other subgraphs own.
 */
export class SubscriptionPlanner {
  constructor(
    private readonly apiSchema: GraphQLSchema,
    private readonly ownership: SupergraphOwnership,
  ) {}

  plan(document: DocumentNode, operationName?: string | null): SubscriptionPlan {
    const operations = document.definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const operation = operationName
      ? operations.find(o => o.name?.value === operationName)
      : operations[0];
    const subscriptionType = this.apiSchema.getSubscriptionType();
    if (!operation || operation.operation !== 'subscription' || !subscriptionType) {
      throw new Error('Not a subscription operation.');
    }
    const fragments = new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map(d => [d.name.value, d]),
    );
    const inlined = inlineFragments(operation, fragments);
    const rootField = inlined.selectionSet.selections.find(
      (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value !== '__typename',
    );
    const graph =
      rootField && this.ownership.subscriptionOwner(rootField.name.value, subscriptionType.name);
    if (!graph) {
      throw new Error('No subgraph owns this subscription field.');
    }
    const variables = inlined.variableDefinitions ?? [];
    const split = this.split(graph, subscriptionType, inlined.selectionSet, []);
    const variableNames = variablesUsedIn(split.selectionSet);
    const upstream: OperationDefinitionNode = {
      ...inlined,
      variableDefinitions: variables.filter(v => variableNames.includes(v.variable.name.value)),
      selectionSet: split.selectionSet,
    };
    return {
      graph,
      document: { kind: Kind.DOCUMENT, definitions: [upstream] },
      variableNames,
      fetches: split.fetches.map(fetch => this.entityFetch(fetch, variables)),
    };
  }

  /** Keeps what `graph` resolves under `parent`; collects the rest per (path, owner). */
  private split(graph: string, parent: GraphQLNamedType, set: SelectionSetNode, path: string[]) {
    const fetches: PendingFetch[] = [];
    const keep: SelectionNode[] = [];
    const foreign = new Map<string, PendingFetch>();
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? this.apiSchema.getType(selection.typeCondition.name.value)!
          : parent;
        const inner = this.split(graph, type, selection.selectionSet, path);
        keep.push({ ...selection, selectionSet: inner.selectionSet });
        fetches.push(...inner.fetches);
        continue;
      }
      if (selection.kind !== Kind.FIELD) {
        continue;
      }
      if (!isObjectType(parent) || selection.name.value === '__typename') {
        keep.push(selection); // abstract types are resolved whole by the subgraph that returns them
        continue;
      }
      const fieldName = selection.name.value;
      if (this.ownership.resolves(graph, parent.name, fieldName)) {
        const definition = parent.getFields()[fieldName];
        if (selection.selectionSet && definition) {
          const responseKey = selection.alias?.value ?? fieldName;
          const inner = this.split(graph, getNamedType(definition.type), selection.selectionSet, [
            ...path,
            responseKey,
          ]);
          keep.push({ ...selection, selectionSet: inner.selectionSet });
          fetches.push(...inner.fetches);
        } else {
          keep.push(selection);
        }
        continue;
      }
      const owner = this.ownership
        .resolversOf(parent.name, fieldName)
        .find(candidate => this.ownership.entityKey(parent.name, graph, candidate));
      if (!owner) {
        throw new Error(
          `${parent.name}.${fieldName} cannot be reached from the ${graph} subgraph.`,
        );
      }
      const pending = foreign.get(owner) ?? {
        graph: owner,
        type: parent,
        path,
        keyFields: this.ownership.entityKey(parent.name, graph, owner)!,
        selections: [],
      };
      pending.selections.push(selection);
      foreign.set(owner, pending);
    }
    if (foreign.size > 0) {
      const keyFields = new Set([...foreign.values()].flatMap(f => f.keyFields));
      keep.push(
        field('__typename', TYPENAME_ALIAS),
        ...[...keyFields].map(k => field(k, keyAlias(k))),
      );
      fetches.push(...foreign.values());
    }
    return { selectionSet: selectionSet(keep), fetches };
  }

  private entityFetch(
    pending: PendingFetch,
    variables: readonly VariableDefinitionNode[],
  ): EntityFetch {
    const inner = this.split(pending.graph, pending.type, selectionSet(pending.selections), []);
    const variableNames = variablesUsedIn(inner.selectionSet);
    const representations: VariableDefinitionNode = {
      kind: Kind.VARIABLE_DEFINITION,
      variable: { kind: Kind.VARIABLE, name: name('representations') },
      type: {
        kind: Kind.NON_NULL_TYPE,
        type: {
          kind: Kind.LIST_TYPE,
          type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('_Any') } },
        },
      },
    };
    const query: OperationDefinitionNode = {
      kind: Kind.OPERATION_DEFINITION,
      operation: 'query' as OperationDefinitionNode['operation'],
      name: name('SubscriptionEntities'),
      variableDefinitions: [
        representations,
        ...variables.filter(v => variableNames.includes(v.variable.name.value)),
      ],
      selectionSet: selectionSet([
        {
          ...field('_entities'),
          arguments: [
            {
              kind: Kind.ARGUMENT,
              name: name('representations'),
              value: { kind: Kind.VARIABLE, name: name('representations') },
            },
          ],
          selectionSet: selectionSet([
            {
              kind: Kind.INLINE_FRAGMENT,
              typeCondition: { kind: Kind.NAMED_TYPE, name: name(pending.type.name) },
              selectionSet: inner.selectionSet,
            },
          ]),
        },
      ]),
    };
    return {
      graph: pending.graph,
      typeName: pending.type.name,
      path: pending.path,
      keyFields: pending.keyFields,
      document: { kind: Kind.DOCUMENT, definitions: [query] },
      variableNames,
      then: inner.fetches.map(fetch => this.entityFetch(fetch, variables)),
    };
  }
}

interface PendingFetch {
  graph: string;
  type: GraphQLObjectType;
  path: string[];
  keyFields: string[];
  selections: SelectionNode[];
}
