import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { defineEvent, describeProblems, eventTopic, parseEmitted } from './contract';
import { EVENTS, UserFollowed, VideoPublished } from './events';
import { committedTable } from './readme';
import { eventsTable } from './table';

describe('event contracts', () => {
  it.each(EVENTS.map(contract => [contract.name, contract] as const))(
    '%s: its example parses, and a field added later is tolerated',
    (_name, contract) => {
      const schema = contract.schema as z.ZodTypeAny;
      expect(schema.parse(contract.example)).toEqual(contract.example);
      const later = { ...(contract.example as object), addedInALaterRelease: 'ignored' };
      expect(schema.safeParse(later)).toMatchObject({ success: true, data: contract.example });
    },
  );

  it('gives every event its own name and topic, and lists its producer as a consumer only by design', () => {
    const topics = EVENTS.map(eventTopic);
    expect(new Set(topics).size).toBe(EVENTS.length);
    // users consumes its own UserFollowed: the follow's transaction stays short, and the
    // follower notification is made (and retried) on its own, like every other notification.
    // Analytics rollups are kept the same way, off the request path: users counts sign-ups from its
    // own UserRegistered, videos counts views from its own ViewCounted (the platform-wide rollup
    // row would otherwise be written by every view's transaction).
    // users also revokes tokens from its own UserRolesChanged, for role changes made by the admin
    // CLI (another process).
    const consumedByProducer = new Set([
      'UserFollowed',
      'UserRegistered',
      'UserRolesChanged',
      'ViewCounted',
    ]);
    for (const contract of EVENTS.filter(event => !consumedByProducer.has(event.name))) {
      expect(contract.consumers).not.toContain(contract.producer);
    }
    expect(UserFollowed.consumers).toContain(UserFollowed.producer);
  });

  it('puts a breaking version on its own topic', () => {
    const v2 = defineEvent({ ...VideoPublished, version: 2 });
    expect(eventTopic(VideoPublished)).toBe('VideoPublished');
    expect(eventTopic(v2)).toBe('VideoPublished.v2');
  });

  it('says what is wrong with a malformed payload, field by field', () => {
    const result = VideoPublished.schema.safeParse({
      ...VideoPublished.example,
      id: 'nope',
      title: 3,
    });
    expect(result.success).toBe(false);
    expect(describeProblems(result.error!)).toBe(
      'id: Invalid uuid; title: Expected string, received number',
    );
  });

  it("keeps the README's table in step with the definitions (npm run events-table -w @vp/contracts)", () => {
    // Cell by cell, so a formatter's column alignment is not a difference.
    const cells = (table: string) =>
      table
        .split('\n')
        .map(row => row.split(/(?<!\\)\|/).map(cell => cell.trim().replace(/^:?-+:?$/, '-')));
    expect(cells(committedTable())).toEqual(cells(eventsTable()));
    expect(committedTable()).toContain('| **TipReceived**');
  });
});

describe('parseEmitted (for producers)', () => {
  it("returns what parses and has the example's fields; refuses a malformed payload or other fields", () => {
    expect(parseEmitted(VideoPublished, VideoPublished.example)).toEqual(VideoPublished.example);
    expect(() => parseEmitted(VideoPublished, { ...VideoPublished.example, id: 'x' })).toThrow(
      'VideoPublished as emitted does not match its contract: id: Invalid uuid',
    );
    expect(() => parseEmitted(VideoPublished, { ...VideoPublished.example, extra: 1 })).toThrow(
      /has the fields .*extra.*, its example/,
    );
  });
});

/**
 * The test files of a subgraph, read as text (this package imports no subgraph): its own, and the
 * launcher's end-to-end tests of it (`e2e/<subgraph>-….e2e.test.ts`, those that need the platform).
 */
const testsOf = (subgraph: string) => {
  const root = join(__dirname, '..', '..', '..');
  const src = join(root, 'subgraphs', subgraph, 'src');
  const e2e = join(root, 'packages', 'launcher', 'src', 'e2e');
  const own = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter(file => file.endsWith('.test.ts'))
    .map(file => join(src, file));
  const platform = readdirSync(e2e)
    .filter(file => file.startsWith(`${subgraph}-`) && file.endsWith('.e2e.test.ts'))
    .map(file => join(e2e, file));
  return [...own, ...platform].map(file => ({ file, text: readFileSync(file, 'utf8') }));
};

describe('every event is tested on both sides', () => {
  it.each(EVENTS.map(contract => [contract.name, contract] as const))(
    '%s: its producer checks what it really emits, and each consumer has a test',
    (name, contract) => {
      const checked = new RegExp(`parseEmitted\\(\\s*${name}\\b`);
      expect(testsOf(contract.producer).filter(test => checked.test(test.text))).not.toEqual([]);
      const uses = new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from '@vp/contracts'`);
      for (const consumer of contract.consumers) {
        expect([consumer, testsOf(consumer).some(test => uses.test(test.text))]).toEqual([
          consumer,
          true,
        ]);
      }
    },
  );
});
