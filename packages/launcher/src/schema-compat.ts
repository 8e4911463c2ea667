import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import {
  buildSchema,
  isInterfaceType,
  isObjectType,
  isInputObjectType,
  isEnumType,
  type GraphQLSchema,
} from 'graphql';

/**
 * The public API's compatibility rule (docs/partners.md, "Deprecation policy"): compared with the
 * committed baseline (`schema/baseline/api.graphql`, the API as last released), a change that
 * breaks clients — a type, field, argument or enum value removed, a type changed, an argument made
 * required — is allowed only when what it removes or changes was already deprecated in the
 * baseline, and `schema/CHANGELOG.md` names it (`Type.field`, `Type.field(arg)`, `Enum.VALUE`).
 * Additions are always allowed. The baseline moves forward when a release is cut (`npm run
 * schema:baseline -w @vp/launcher` copies schema/api.graphql over it).
 */
export interface BreakingChange {
  path: string;
  message: string;
  /** Why it is not allowed; absent when it is. */
  problem?: string;
}

/** The schema coordinate a change is about, and the element it starts from (`Type.field`). */
const coordinateOf = (change: Change) => change.path ?? '';

/** Whether `path` (Type, Type.field, Type.field.arg, Enum.VALUE) was deprecated in `schema`. */
export function deprecatedIn(schema: GraphQLSchema, path: string): boolean {
  const [typeName, member, argument] = path.split('.');
  const type = schema.getType(typeName);
  if (!type || !member) {
    return false;
  }
  if (isObjectType(type) || isInterfaceType(type)) {
    const field = type.getFields()[member];
    if (!field) {
      return false;
    }
    if (argument) {
      const arg = field.args.find(candidate => candidate.name === argument);
      return !!arg?.deprecationReason || !!field.deprecationReason;
    }
    return !!field.deprecationReason;
  }
  if (isInputObjectType(type)) {
    return !!type.getFields()[member]?.deprecationReason;
  }
  if (isEnumType(type)) {
    return !!type.getValue(member)?.deprecationReason;
  }
  return false;
}

/** Coordinates written in the changelog: `Type.field`, `Type.field(arg)` → `Type.field.arg`. */
export function changelogCoordinates(changelog: string): Set<string> {
  const found = new Set<string>();
  for (const match of changelog.matchAll(
    /`([A-Za-z_][\w]*\.[A-Za-z_]\w*(?:\([A-Za-z_]\w*\)|\.[A-Za-z_]\w*)?)`/g,
  )) {
    found.add(match[1].replace(/\((\w+)\)$/, '.$1'));
  }
  return found;
}

export async function breakingChanges(
  baselineSdl: string,
  currentSdl: string,
  changelog: string,
): Promise<BreakingChange[]> {
  const baseline = buildSchema(baselineSdl);
  const current = buildSchema(currentSdl);
  const recorded = changelogCoordinates(changelog);
  const changes = await diff(baseline, current);
  return changes
    .filter(change => change.criticality.level === CriticalityLevel.Breaking)
    .map(change => {
      const path = coordinateOf(change);
      const problems = [];
      if (!deprecatedIn(baseline, path)) {
        problems.push('it was not deprecated first');
      }
      if (!recorded.has(path)) {
        problems.push(`schema/CHANGELOG.md does not record \`${path}\``);
      }
      return {
        path,
        message: change.message,
        ...(problems.length ? { problem: problems.join('; ') } : {}),
      };
    });
}
