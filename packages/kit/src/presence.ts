import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

/**
 * Who is here right now, per room (a live stream's viewers, a video's "watching now"): members
 * are either held by this process until it lets them go (an open subscription) or touched for a
 * time-to-live (a player fetching its playlist). In-process by default; with Redis, one sorted set
 * per room (member → last seen, ms) that every instance refreshes, so counts agree across
 * instances and the members of a process that died fall out after the time-to-live.
 */
export interface Presence {
  /** Names this process; callers put it in member names that must not collide across instances. */
  readonly instanceId: string;
  /** Holds `member` in `room` until `leave`; joining twice needs two leaves (reference counted). */
  join(room: string, member: string): Promise<void>;
  leave(room: string, member: string): Promise<void>;
  /** Marks `member` present for the time-to-live only. */
  touch(room: string, member: string): Promise<void>;
  /** The number of members present now in each room, in the order asked. */
  count(rooms: readonly string[]): Promise<number[]>;
  close(): Promise<void>;
}

export interface PresenceOptions {
  /** A member not seen for this long is gone (default 30 s). */
  ttlMs?: number;
  /** How often held members are marked seen again (default 10 s). */
  refreshMs?: number;
  now?: () => number;
}

const DEFAULTS = { ttlMs: 30_000, refreshMs: 10_000 };

/** Reference counts of the members this process holds, by room. */
class HeldMembers {
  readonly rooms = new Map<string, Map<string, number>>();

  /** True when the member was not held before. */
  add(room: string, member: string): boolean {
    let members = this.rooms.get(room);
    if (!members) {
      members = new Map();
      this.rooms.set(room, members);
    }
    const count = members.get(member) ?? 0;
    members.set(member, count + 1);
    return count === 0;
  }

  /** True when this was the member's last hold. */
  remove(room: string, member: string): boolean {
    const members = this.rooms.get(room);
    const count = members?.get(member) ?? 0;
    if (!members || count === 0) {
      return false;
    }
    if (count > 1) {
      members.set(member, count - 1);
      return false;
    }
    members.delete(member);
    if (members.size === 0) {
      this.rooms.delete(room);
    }
    return true;
  }

  has(room: string, member: string) {
    return (this.rooms.get(room)?.get(member) ?? 0) > 0;
  }
}

export function createMemoryPresence(options: PresenceOptions = {}): Presence {
  const ttlMs = options.ttlMs ?? DEFAULTS.ttlMs;
  const now = options.now ?? Date.now;
  const held = new HeldMembers();
  const touched = new Map<string, Map<string, number>>();
  return {
    instanceId: randomUUID(),
    async join(room, member) {
      held.add(room, member);
    },
    async leave(room, member) {
      held.remove(room, member);
    },
    async touch(room, member) {
      let members = touched.get(room);
      if (!members) {
        members = new Map();
        touched.set(room, members);
      }
      members.set(member, now() + ttlMs);
    },
    async count(rooms) {
      return rooms.map(room => {
        const members = new Set(held.rooms.get(room)?.keys());
        const expiring = touched.get(room);
        for (const [member, expiresAt] of expiring ?? []) {
          if (expiresAt <= now()) {
            expiring!.delete(member);
          } else {
            members.add(member);
          }
        }
        if (expiring?.size === 0) {
          touched.delete(room);
        }
        return members.size;
      });
    },
    async close() {},
  };
}

export function createRedisPresence(
  redis: Redis,
  options: PresenceOptions & { prefix?: string } = {},
): Presence {
  const ttlMs = options.ttlMs ?? DEFAULTS.ttlMs;
  const refreshMs = options.refreshMs ?? DEFAULTS.refreshMs;
  const now = options.now ?? Date.now;
  const prefix = options.prefix ?? 'presence:';
  const held = new HeldMembers();

  const refresh = async () => {
    if (held.rooms.size === 0) {
      return;
    }
    const at = now();
    const batch = redis.pipeline();
    for (const [room, members] of held.rooms) {
      for (const member of members.keys()) {
        batch.zadd(prefix + room, at, member);
      }
      batch.pexpire(prefix + room, ttlMs * 2).pexpire(holders(room), ttlMs * 2);
    }
    await batch.exec();
  };
  // A refresh that fails (Redis briefly away) is simply retried at the next tick; members survive
  // one missed refresh because the time-to-live is several refresh periods.
  const timer = setInterval(() => void refresh().catch(() => undefined), refreshMs);
  timer.unref();

  const mark = async (room: string, member: string) => {
    await redis
      .multi()
      .zadd(prefix + room, now(), member)
      .pexpire(prefix + room, ttlMs * 2)
      .exec();
  };
  // Several instances may hold one member (a signed-in user with tabs on two instances): a hash
  // counts the instances holding it, and the member goes only when the last one lets go. A holder
  // that died without letting go only delays that until the time-to-live.
  const holders = (room: string) => `${prefix}holders:${room}`;
  const release = async (room: string, members: readonly string[]) => {
    const batch = redis.multi();
    for (const member of members) {
      batch.hincrby(holders(room), member, -1);
    }
    const left = ((await batch.exec()) ?? []).map(([, value]) => Number(value));
    const gone = members.filter((_member, index) => left[index] <= 0);
    if (gone.length) {
      await redis
        .multi()
        .zrem(prefix + room, ...gone)
        .hdel(holders(room), ...gone)
        .exec();
    }
  };

  return {
    instanceId: randomUUID(),
    async join(room, member) {
      if (held.add(room, member)) {
        await redis
          .multi()
          .hincrby(holders(room), member, 1)
          .pexpire(holders(room), ttlMs * 2)
          .zadd(prefix + room, now(), member)
          .pexpire(prefix + room, ttlMs * 2)
          .exec();
      }
    },
    async leave(room, member) {
      if (held.remove(room, member)) {
        await release(room, [member]);
      }
    },
    touch: mark,
    async count(rooms) {
      if (rooms.length === 0) {
        return [];
      }
      const oldest = now() - ttlMs;
      const batch = redis.multi();
      for (const room of rooms) {
        batch.zremrangebyscore(prefix + room, '-inf', `(${oldest}`).zcard(prefix + room);
      }
      const results = (await batch.exec()) ?? [];
      return rooms.map((_room, index) => Number(results[index * 2 + 1]?.[1] ?? 0));
    },
    async close() {
      clearInterval(timer);
      // Let the others see this process's members go now rather than after the time-to-live.
      const rooms = [...held.rooms].map(([room, members]) => [room, [...members.keys()]] as const);
      held.rooms.clear();
      await Promise.all(rooms.map(([room, members]) => release(room, members))).catch(
        () => undefined,
      );
    },
  };
}
