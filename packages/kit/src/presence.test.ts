import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { createMemoryPresence, createRedisPresence, type Presence } from './presence';
import { TEST_REDIS_URL } from './testing';

const REDIS_URL = TEST_REDIS_URL ?? '';

describe.each(TEST_REDIS_URL ? (['memory', 'redis'] as const) : (['memory'] as const))(
  '%s presence',
  kind => {
    let clock = 1_000_000;
    const now = () => clock;
    const clients: Redis[] = [];
    const made: Presence[] = [];
    const make = (): Presence => {
      let presence: Presence;
      if (kind === 'memory') {
        presence = createMemoryPresence({ ttlMs: 30_000, now });
      } else {
        const redis = new Redis(REDIS_URL);
        clients.push(redis);
        presence = createRedisPresence(redis, { ttlMs: 30_000, refreshMs: 60_000, now });
      }
      made.push(presence);
      return presence;
    };
    afterAll(async () => {
      await Promise.all(made.map(presence => presence.close()));
      await Promise.all(clients.map(client => client.quit()));
    });

    it('counts held members until they leave, reference counted', async () => {
      const presence = make();
      const room = randomUUID();
      await presence.join(room, 'a');
      await presence.join(room, 'a');
      await presence.join(room, 'b');
      expect(await presence.count([room, randomUUID()])).toEqual([2, 0]);
      await presence.leave(room, 'a');
      expect(await presence.count([room])).toEqual([2]);
      await presence.leave(room, 'a');
      await presence.leave(room, 'a'); // one leave too many changes nothing
      expect(await presence.count([room])).toEqual([1]);
    });

    it('counts a touched member for the time-to-live only', async () => {
      const presence = make();
      const room = randomUUID();
      await presence.touch(room, 'player');
      await presence.touch(room, 'player');
      expect(await presence.count([room])).toEqual([1]);
      clock += 29_000;
      expect(await presence.count([room])).toEqual([1]);
      clock += 2_000;
      expect(await presence.count([room])).toEqual([0]);
    });

    if (kind === 'redis') {
      it('counts the members of every instance, and drops those of an instance that closed', async () => {
        const [one, two] = [make(), make()];
        const room = randomUUID();
        await one.join(room, `${one.instanceId}:c1`);
        await two.join(room, `${two.instanceId}:c1`);
        await two.join(room, 'user:u1');
        await one.join(room, 'user:u1');
        expect(await one.count([room])).toEqual([3]);
        expect(await two.count([room])).toEqual([3]);
        await two.close();
        expect(await one.count([room])).toEqual([2]);
      });

      it('forgets held members of a process that died without closing, after the time-to-live', async () => {
        const [alive, dead] = [make(), make()];
        const room = randomUUID();
        await dead.join(room, 'ghost');
        await alive.join(room, 'me');
        clock += 31_000; // `alive` would have refreshed; simulate its refresh by joining again elsewhere
        await alive.touch(room, 'me');
        expect(await alive.count([room])).toEqual([1]);
      });
    }
  },
);
