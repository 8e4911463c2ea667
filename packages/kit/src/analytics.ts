import { type EntityManager } from '@mikro-orm/postgresql';
import { ApiScope } from './domain';
import { type Viewer, Role } from './auth';
import { badInput, forbidden, unauthenticated } from './errors';

/**
 * The analysts' view of the platform (issue 15): `Query.analytics` (users) returns the entity
 * `Analytics @key(fields: "id")`, and each subgraph adds the aggregates of its own domain as fields
 * (users: sign-ups; videos: views and top videos; payments: revenue and subscribers), computed from
 * rollup tables of its own schema, read from the replica when there is one. Only aggregates. Each
 * subgraph declares its own `Analytics` class (type-graphql attaches field resolvers to a class
 * globally, so one shared class would give every subgraph every field).
 */
export interface AnalyticsRef {
  id: string;
}

export const ANALYTICS_ID = 'platform';
export const analyticsRoot = (): AnalyticsRef => ({ id: ANALYTICS_ID });
export const MAX_ANALYTICS_DAYS = 366;

/** ANALYST or ADMIN (roles of the token), and with an API key the ANALYTICS_READ scope. */
export function requireAnalyticsAccess(viewer: Viewer | null): Viewer {
  if (!viewer) {
    throw unauthenticated();
  }
  if (!viewer.roles.some(role => role === Role.ANALYST || role === Role.ADMIN)) {
    throw forbidden('Analytics are for ANALYST and ADMIN accounts.');
  }
  if (viewer.apiKeyId && !viewer.scopes?.includes(ApiScope.ANALYTICS_READ)) {
    throw forbidden('This API key lacks the ANALYTICS_READ scope.');
  }
  return viewer;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const parseDay = (value: string) => {
  const date = new Date(`${value}T00:00:00.000Z`);
  return DAY.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
    ? date
    : null;
};

export interface DayRange {
  from: string;
  to: string;
  /** Every day from `from` to `to`, both included (YYYY-MM-DD, UTC). */
  days: string[];
}

/** `from` and `to` (YYYY-MM-DD, UTC, both included), at most 366 days; else BAD_USER_INPUT. */
export function analyticsRange(from: string, to: string): DayRange {
  const start = parseDay(from);
  const end = parseDay(to);
  const problems = [];
  if (!start) {
    problems.push({ field: 'from', message: 'A date, YYYY-MM-DD.' });
  }
  if (!end) {
    problems.push({ field: 'to', message: 'A date, YYYY-MM-DD.' });
  }
  if (start && end) {
    const count = Math.round((end.getTime() - start.getTime()) / 86_400_000) + 1;
    if (count < 1) {
      problems.push({ field: 'to', message: 'Not before from.' });
    } else if (count > MAX_ANALYTICS_DAYS) {
      problems.push({ field: 'to', message: `At most ${MAX_ANALYTICS_DAYS} days from from.` });
    }
  }
  if (problems.length) {
    throw badInput('The date range is not valid.', problems);
  }
  const days: string[] = [];
  for (let time = start!.getTime(); time <= end!.getTime(); time += 86_400_000) {
    days.push(new Date(time).toISOString().slice(0, 10));
  }
  return { from, to, days };
}

/** Runs an analytics query on the read replica when there is one (DATABASE_REPLICA_URL). */
export function readReplica<T = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  return em.getConnection('read').execute(sql, params as never[], 'all');
}

/** One row per day of the range, from the rows found (days without any: zeros). */
export function everyDay<Row extends { day: string }>(
  range: DayRange,
  rows: Row[],
  empty: (day: string) => Row,
): Row[] {
  const byDay = new Map(rows.map(row => [row.day, row]));
  return range.days.map(day => byDay.get(day) ?? empty(day));
}
