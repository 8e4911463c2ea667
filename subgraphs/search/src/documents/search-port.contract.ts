import { randomUUID } from 'node:crypto';
import { Audience, CATEGORIES, encodeCursor, PlanTier, Role, type Viewer } from '@vp/kit';
import { anonymousScope, type SearchScope, scopeFor } from '../viewer/scope';
import { SearchDocumentKind, SearchVisibility } from './search-document.entity';
import {
  type SearchArgs,
  type SearchDocumentInput,
  type SearchFilter,
  type SearchPort,
  SearchSort,
} from './search-port';

export interface ContractHarness {
  index: SearchPort;
  /** What the index holds for an id now: its title, a tombstone, or null if it never heard of it. */
  stored(id: string): Promise<{ title: string | null; deleted: boolean } | null>;
  /** Sets a video's counted views, as the signals (PostgreSQL) or the signal sync (Elasticsearch) do. */
  setViews(id: string, views: number): Promise<void>;
}

export interface ContractOptions {
  /**
   * Whether the engine's own text analysis runs in this test (real PostgreSQL: yes; the
   * Elasticsearch mock: no, its matching is a stand-in), so language cases can be proven.
   */
  analyzesText: boolean;
}

const viewer = (id: string, roles: Role[] = [Role.VIEWER]): Viewer => ({
  id,
  roles,
  sessionId: 'contract',
});

const MUSIC = CATEGORIES.find(category => category.slug === 'music')!.id;
const SPORTS = CATEGORIES.find(category => category.slug === 'sports')!.id;
const hour = 3_600_000;

/**
 * The behaviour every SearchPort must have, run over each implementation (see README). Every case
 * uses words of its own, so cases never see each other's documents.
 */
export function describeSearchPortContract(
  name: string,
  start: () => Promise<ContractHarness & { stop(): Promise<void> }>,
  options: ContractOptions,
) {
  describe(`SearchPort contract: ${name}`, () => {
    let harness: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      harness = await start();
    });
    afterAll(() => harness?.stop());

    const minuteAgo = () => new Date(Date.now() - 60_000);
    const add = async (...documents: Partial<SearchDocumentInput>[]) => {
      const complete = documents.map(document => ({
        id: randomUUID(),
        kind: SearchDocumentKind.VIDEO,
        title: 'Untitled',
        visibility: SearchVisibility.PUBLIC,
        publishedAt: minuteAgo(),
        ...document,
      }));
      for (const document of complete) {
        await harness.index.upsert(document);
      }
      return complete;
    };
    const search = (
      query: string,
      scope: SearchScope = anonymousScope(),
      more: Partial<SearchArgs> = {},
    ) => harness.index.search(scope, { query, first: 100, ...more });
    const find = async (
      query: string,
      scope: SearchScope = anonymousScope(),
      more: Partial<SearchArgs> = {},
    ) => (await search(query, scope, more)).edges.map(edge => edge.node!.id);
    const findWith = (query: string, filter: SearchFilter, sort?: SearchSort) =>
      find(query, anonymousScope(), { filter, sort });
    const suggest = (prefix: string, scope: SearchScope = anonymousScope(), first = 10) =>
      harness.index.suggest(scope, { prefix, first });
    const whenIndexing = options.analyzesText ? it : it.skip;

    describe('writes that converge', () => {
      it('finds a document by a word of its title once upserted', async () => {
        const [doc] = await add({ title: 'Okapi in the rain' });
        expect(await find('okapi')).toEqual([doc.id]);
        expect(await harness.stored(doc.id)).toEqual({
          title: 'Okapi in the rain',
          deleted: false,
        });
      });

      it('applies a newer upsert and ignores an older or same-time one', async () => {
        const id = randomUUID();
        const base = Date.now() - 10_000;
        await add({ id, title: 'Quokka first', updatedAt: new Date(base) });
        await add({ id, title: 'Quokka second', updatedAt: new Date(base + 2000) });
        await add({ id, title: 'Quokka stale', updatedAt: new Date(base + 1000) });
        await add({ id, title: 'Quokka tie', updatedAt: new Date(base + 2000) });
        expect(await harness.stored(id)).toEqual({ title: 'Quokka second', deleted: false });
        expect(await find('second')).toEqual([id]);
        expect(await find('"stale"')).toEqual([]);
      });

      it('keeps a removal over a late older upsert, and over one of the same time', async () => {
        const id = randomUUID();
        const base = Date.now() - 10_000;
        await add({ id, title: 'Tapir published', updatedAt: new Date(base) });
        await harness.index.remove({
          id,
          kind: SearchDocumentKind.VIDEO,
          removedAt: new Date(base + 2000),
        });
        expect(await find('tapir')).toEqual([]);
        await add({ id, title: 'Tapir late update', updatedAt: new Date(base + 1000) });
        await add({ id, title: 'Tapir same instant', updatedAt: new Date(base + 2000) });
        expect(await find('tapir')).toEqual([]);
        expect(await harness.stored(id)).toMatchObject({ deleted: true });
        // Removing again (a redelivery) is harmless.
        await harness.index.remove({
          id,
          kind: SearchDocumentKind.VIDEO,
          removedAt: new Date(base + 2000),
        });
        expect(await find('tapir')).toEqual([]);
      });

      it('remembers a removal that arrives before the document, and lets a newer upsert return', async () => {
        const id = randomUUID();
        const base = Date.now() - 10_000;
        await harness.index.remove({
          id,
          kind: SearchDocumentKind.TITLE,
          removedAt: new Date(base + 1000),
        });
        await add({
          id,
          kind: SearchDocumentKind.TITLE,
          title: 'Gerenuk before',
          updatedAt: new Date(base),
        });
        expect(await find('gerenuk')).toEqual([]);
        // A title licensed again after its removal is a newer version: it comes back.
        await add({
          id,
          kind: SearchDocumentKind.TITLE,
          title: 'Gerenuk again',
          updatedAt: new Date(base + 3000),
        });
        expect(await find('gerenuk')).toEqual([id]);
      });

      it('ignores a removal older than the stored document', async () => {
        const id = randomUUID();
        const base = Date.now() - 10_000;
        await add({ id, title: 'Dikdik fresh', updatedAt: new Date(base + 2000) });
        await harness.index.remove({
          id,
          kind: SearchDocumentKind.VIDEO,
          removedAt: new Date(base),
        });
        expect(await find('dikdik')).toEqual([id]);
      });

      it('refuses a document without a title or with ids that are not uuids', async () => {
        await expect(add({ title: '  ' })).rejects.toThrow();
        await expect(add({ id: 'video-1', title: 'Serval' })).rejects.toThrow();
        await expect(add({ ownerId: 'me', title: 'Serval' })).rejects.toThrow();
        await expect(add({ categoryId: 'music', title: 'Serval' })).rejects.toThrow();
        expect(await find('serval')).toEqual([]);
      });
    });

    describe('hits', () => {
      it('names the type of every hit: Video (videos and shorts), LiveStream, Title or User (channels)', async () => {
        const docs = await add(
          { title: 'Kinkajou video', kind: SearchDocumentKind.VIDEO },
          { title: 'Kinkajou short', kind: SearchDocumentKind.SHORT },
          { title: 'Kinkajou live', kind: SearchDocumentKind.LIVE_STREAM },
          { title: 'Kinkajou series', kind: SearchDocumentKind.TITLE, ownerId: null },
          { title: 'Kinkajou Keeper', kind: SearchDocumentKind.CHANNEL, tags: ['kinkajou_keeper'] },
        );
        const connection = await harness.index.search(anonymousScope(), {
          query: 'kinkajou',
          first: 10,
        });
        expect(
          new Set(connection.edges.map(edge => `${edge.node!.__typename}:${edge.node!.id}`)),
        ).toEqual(
          new Set([
            `Video:${docs[0].id}`,
            `Video:${docs[1].id}`,
            `LiveStream:${docs[2].id}`,
            `Title:${docs[3].id}`,
            `User:${docs[4].id}`,
          ]),
        );
      });

      it('ranks a title match above a tag match above a body match', async () => {
        const [inBody, inTitle, inTags] = await add(
          { title: 'Evening walk', body: 'We saw a bittern by the river.' },
          { title: 'Bittern fishing' },
          { title: 'Birds of the lake', tags: ['bittern'] },
        );
        expect(await find('bittern')).toEqual([inTitle.id, inTags.id, inBody.id]);
      });

      it('finds a channel by its handle and by its display name', async () => {
        const [channel] = await add({
          kind: SearchDocumentKind.CHANNEL,
          title: 'Marmoset Kitchen',
          tags: ['marmochef'],
        });
        expect(await find('marmochef')).toEqual([channel.id]);
        expect(await find('marmoset kitchen')).toEqual([channel.id]);
      });

      it('tolerates a typo in a longer Latin word', async () => {
        const [doc] = await add({ title: 'Axolotl aquarium tour' });
        expect(await find('axolotel')).toEqual([doc.id]);
        expect(await find('aquarim tour')).toEqual([doc.id]);
        // Quoted words are taken as typed.
        expect(await find('"axolotel"')).toEqual([]);
      });

      whenIndexing(
        'finds Japanese by two characters and English by another form of the word',
        async () => {
          const [tower] = await add({ title: '浅草寺の朝', body: 'Running through Asakusa' });
          expect(await find('浅草')).toEqual([tower.id]);
          expect(await find('草寺')).toEqual([tower.id]);
          expect(await find('浅寺')).toEqual([]);
          expect(await find('runs asakusa')).toEqual([tower.id]);
        },
      );
    });

    describe('who finds what', () => {
      const owner = randomUUID();
      let docs: Record<string, string>;

      beforeAll(async () => {
        const [listed, privateOne, unlisted, draft, later, adult] = await add(
          { title: 'Pudu public', ownerId: owner },
          { title: 'Pudu private', ownerId: owner, visibility: SearchVisibility.PRIVATE },
          { title: 'Pudu unlisted', ownerId: owner, visibility: SearchVisibility.UNLISTED },
          { title: 'Pudu draft', ownerId: owner, publishedAt: null },
          { title: 'Pudu later', ownerId: owner, publishedAt: new Date(Date.now() + hour) },
          { title: 'Pudu adult', ownerId: owner, audience: Audience.ADULT },
        );
        docs = {
          listed: listed.id,
          privateOne: privateOne.id,
          unlisted: unlisted.id,
          draft: draft.id,
          later: later.id,
          adult: adult.id,
        };
      });

      it('shows anonymous viewers, strangers and minors only what is published, PUBLIC and not ADULT', async () => {
        expect(await find('pudu')).toEqual([docs.listed]);
        expect(await find('pudu', scopeFor(viewer(randomUUID())))).toEqual([docs.listed]);
        expect(await find('pudu', scopeFor(viewer('api-key:partner')))).toEqual([docs.listed]);
        // Not age-verified (a minor, or an adult who has not verified): no ADULT results.
        expect(await find('pudu', scopeFor(viewer(randomUUID()), { adult: false }))).toEqual([
          docs.listed,
        ]);
      });

      it('shows an age-verified viewer ADULT results too, and nothing private', async () => {
        expect(
          (await find('pudu', scopeFor(viewer(randomUUID()), { adult: true }))).sort(),
        ).toEqual([docs.listed, docs.adult].sort());
      });

      it('shows the owner and admins everything', async () => {
        const all = Object.values(docs).sort();
        expect((await find('pudu', scopeFor(viewer(owner, [Role.CREATOR])))).sort()).toEqual(all);
        expect((await find('pudu', scopeFor(viewer(randomUUID(), [Role.ADMIN])))).sort()).toEqual(
          all,
        );
      });

      it("leaves out a suspended account's documents (hiddenOwners) for everyone but admins", async () => {
        const suspended = randomUUID();
        const [doc] = await add({ title: 'Pudu suspended', ownerId: suspended });
        const hidden = { hiddenOwners: [suspended] };
        expect(await find('pudu', scopeFor(null, hidden))).toEqual([docs.listed]);
        expect(await find('pudu', scopeFor(viewer(randomUUID()), hidden))).toEqual([docs.listed]);
        expect(await find('pudu', scopeFor(null))).toContain(doc.id);
        expect(await find('pudu', scopeFor(viewer(randomUUID(), [Role.ADMIN]), hidden))).toContain(
          doc.id,
        );
      });

      it('never shows a removed document, not even to admins', async () => {
        const [doc] = await add({ title: 'Pudu removed', ownerId: owner });
        await harness.index.remove({ id: doc.id, kind: SearchDocumentKind.VIDEO });
        expect(await find('pudu', scopeFor(viewer(randomUUID(), [Role.ADMIN])))).not.toContain(
          doc.id,
        );
        expect(await find('pudu', scopeFor(viewer(owner)))).not.toContain(doc.id);
      });

      it('finds a catalog title only in territories whose licence has not ended', async () => {
        const now = Date.now();
        const [open, announced, ended] = await add(
          {
            kind: SearchDocumentKind.TITLE,
            title: 'Zorilla open',
            licences: [
              {
                territories: ['JP', 'KR'],
                startsAt: new Date(now - 24 * hour),
                endsAt: new Date(now + 24 * hour),
              },
              {
                territories: ['US'],
                startsAt: new Date(now - 48 * hour),
                endsAt: new Date(now - 24 * hour),
              },
            ],
          },
          {
            kind: SearchDocumentKind.TITLE,
            title: 'Zorilla announced',
            licences: [
              {
                territories: ['JP'],
                startsAt: new Date(now + 24 * hour),
                endsAt: new Date(now + 48 * hour),
              },
            ],
          },
          {
            kind: SearchDocumentKind.TITLE,
            title: 'Zorilla ended',
            licences: [
              {
                territories: ['JP'],
                startsAt: new Date(now - 48 * hour),
                endsAt: new Date(now - hour),
              },
            ],
          },
        );
        expect((await find('zorilla', anonymousScope('JP'))).sort()).toEqual(
          [open.id, announced.id].sort(),
        );
        expect(await find('zorilla', anonymousScope('KR'))).toEqual([open.id]);
        expect(await find('zorilla', anonymousScope('US'))).toEqual([]);
        expect(await find('zorilla', anonymousScope('FR'))).toEqual([]);
        expect(await suggest('zorilla', anonymousScope('US'))).toEqual([]);
        expect(await suggest('zorilla ended', anonymousScope('JP'))).toEqual([]);
        void ended;
      });
    });

    describe('filters and sorts', () => {
      let docs: Record<string, SearchDocumentInput>;

      beforeAll(async () => {
        const now = Date.now();
        const [long, short, clip, premium, live, series, channel] = await add(
          {
            title: 'Wombat documentary',
            durationSeconds: 3600,
            categoryId: MUSIC,
            publishedAt: new Date(now - 72 * hour),
          },
          {
            title: 'Wombat dance',
            kind: SearchDocumentKind.SHORT,
            durationSeconds: 30,
            categoryId: SPORTS,
            publishedAt: new Date(now - 2 * hour),
          },
          {
            title: 'Wombat clip',
            durationSeconds: 240,
            categoryId: MUSIC,
            publishedAt: new Date(now - 24 * hour),
          },
          {
            title: 'Wombat premium',
            durationSeconds: 600,
            requiredPlan: PlanTier.PREMIUM,
            publishedAt: new Date(now - 48 * hour),
          },
          {
            title: 'Wombat live',
            kind: SearchDocumentKind.LIVE_STREAM,
            publishedAt: new Date(now - hour),
          },
          {
            title: 'Wombat series',
            kind: SearchDocumentKind.TITLE,
            publishedAt: new Date(now - 96 * hour),
          },
          {
            title: 'Wombat Wonders',
            kind: SearchDocumentKind.CHANNEL,
            tags: ['wombatwonders'],
            publishedAt: new Date(now - 120 * hour),
          },
        );
        docs = { long, short, clip, premium, live, series, channel };
        await harness.setViews(long.id, 50);
        await harness.setViews(short.id, 500);
        await harness.setViews(clip.id, 5);
        await harness.setViews(premium.id, 5000);
      });
      const ids = (...names: string[]) => names.map(name => docs[name].id);
      const set = (list: string[]) => new Set(list);

      it('keeps only the types asked for', async () => {
        expect(set(await findWith('wombat', { types: [SearchDocumentKind.SHORT] }))).toEqual(
          set(ids('short')),
        );
        expect(
          set(
            await findWith('wombat', {
              types: [SearchDocumentKind.TITLE, SearchDocumentKind.CHANNEL],
            }),
          ),
        ).toEqual(set(ids('series', 'channel')));
        expect(set(await findWith('wombat', { types: [SearchDocumentKind.VIDEO] }))).toEqual(
          set(ids('long', 'clip', 'premium')),
        );
      });

      it('keeps only a category, a duration range, what was published after a time, a plan', async () => {
        expect(set(await findWith('wombat', { categoryId: MUSIC }))).toEqual(
          set(ids('long', 'clip')),
        );
        expect(set(await findWith('wombat', { durationMin: 60, durationMax: 1200 }))).toEqual(
          set(ids('clip', 'premium')),
        );
        expect(set(await findWith('wombat', { durationMax: 60 }))).toEqual(set(ids('short')));
        expect(set(await findWith('wombat', { durationMin: 60, durationMax: 60 }))).toEqual(
          set([]),
        );
        expect(
          set(await findWith('wombat', { publishedAfter: new Date(Date.now() - 30 * hour) })),
        ).toEqual(set(ids('short', 'clip', 'live')));
        expect(set(await findWith('wombat', { requiredPlan: PlanTier.PREMIUM }))).toEqual(
          set(ids('premium')),
        );
        expect(
          set(
            await findWith('wombat', {
              categoryId: MUSIC,
              durationMax: 1000,
              types: [SearchDocumentKind.VIDEO],
            }),
          ),
        ).toEqual(set(ids('clip')));
      });

      it('sorts by NEWEST and by MOST_VIEWED, and pages through each in its order', async () => {
        expect(await findWith('wombat', {}, SearchSort.NEWEST)).toEqual(
          ids('live', 'short', 'clip', 'premium', 'long', 'series', 'channel'),
        );
        const mostViewed = await findWith(
          'wombat',
          { types: [SearchDocumentKind.VIDEO, SearchDocumentKind.SHORT] },
          SearchSort.MOST_VIEWED,
        );
        expect(mostViewed).toEqual(ids('premium', 'short', 'long', 'clip'));
        for (const sort of [SearchSort.NEWEST, SearchSort.MOST_VIEWED, SearchSort.RELEVANCE]) {
          const all = await findWith('wombat', {}, sort);
          const seen: string[] = [];
          let after: string | null = null;
          for (let pages = 0; pages < 10; pages++) {
            const page = await harness.index.search(anonymousScope(), {
              query: 'wombat',
              first: 2,
              after,
              sort,
            });
            seen.push(...page.edges.map(edge => edge.node!.id));
            if (!page.pageInfo.hasNextPage) {
              break;
            }
            after = page.pageInfo.endCursor;
          }
          expect([sort, seen]).toEqual([sort, all]);
        }
      });

      it('refuses a cursor of another sort or filter, and bad filters naming the field', async () => {
        const page = await harness.index.search(anonymousScope(), {
          query: 'wombat',
          first: 1,
          sort: SearchSort.NEWEST,
        });
        for (const other of [
          { sort: SearchSort.MOST_VIEWED },
          { sort: SearchSort.NEWEST, filter: { categoryId: MUSIC } },
        ]) {
          await expect(
            harness.index.search(anonymousScope(), {
              query: 'wombat',
              first: 1,
              after: page.pageInfo.endCursor,
              ...other,
            }),
          ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
        }
        const refusals: [SearchFilter, string][] = [
          [{ durationMin: 600, durationMax: 60 }, 'filter.durationMax'],
          [{ categoryId: randomUUID() }, 'filter.categoryId'],
          [{ categoryId: 'music' }, 'filter.categoryId'],
          [{ types: [] }, 'filter.types'],
          [{ durationMin: -1 }, 'filter.durationMin'],
        ];
        for (const [filter, field] of refusals) {
          await expect(
            harness.index.search(anonymousScope(), { query: 'wombat', first: 5, filter }),
          ).rejects.toMatchObject({
            extensions: { code: 'BAD_USER_INPUT', problems: [expect.objectContaining({ field })] },
          });
        }
      });
    });

    describe('suggestions', () => {
      beforeAll(async () => {
        const [popular, quiet] = await add(
          { title: 'Nebula timelapse', tags: ['astronomy', 'nebulae'] },
          { title: 'Nebulous thoughts' },
          { title: 'Cute newts at night', tags: ['newtlife'] },
          { title: '猫の日常 Nekobiyori', tags: ['ねこ'] },
          { title: 'Nebraska roadtrip', visibility: SearchVisibility.PRIVATE },
          { title: 'Nebraska draft', publishedAt: null },
          { title: 'Nebbish adult', audience: Audience.ADULT },
          { kind: SearchDocumentKind.CHANNEL, title: 'Newton Labs', tags: ['newtonlabs'] },
        );
        await harness.setViews(popular.id, 900);
        await harness.setViews(quiet.id, 3);
      });

      it('completes titles, later words of titles, tags and channel names, most viewed first', async () => {
        const nebula = await suggest('neb');
        // The most viewed document's title and tag first (in either order), then the others.
        expect(new Set(nebula.slice(0, 2))).toEqual(new Set(['Nebula timelapse', 'nebulae']));
        expect(nebula).toContain('Nebulous thoughts');
        expect(await suggest('newt')).toEqual(
          expect.arrayContaining(['Cute newts at night', 'newtlife', 'Newton Labs', 'newtonlabs']),
        );
        expect(await suggest('TIMEL')).toEqual(['Nebula timelapse']);
        expect(await suggest('猫の')).toEqual(['猫の日常 Nekobiyori']);
        expect(await suggest('ねこ')).toEqual(['ねこ']);
        expect(await suggest('ｎｅｂｕｌａ ｔ')).toEqual(['Nebula timelapse']);
        expect(['Nebula timelapse', 'nebulae']).toContain(
          (await suggest('neb', anonymousScope(), 1))[0],
        );
      });

      it('never suggests what is private, unpublished, or ADULT to those not age-verified', async () => {
        const all = await suggest('neb', anonymousScope(), 100);
        expect(all.filter(phrase => /nebraska|nebbish/i.test(phrase))).toEqual([]);
        expect(await suggest('nebb', scopeFor(viewer(randomUUID()), { adult: true }))).toEqual([
          'Nebbish adult',
        ]);
        expect(await suggest('nebr', scopeFor(viewer(randomUUID(), [Role.ADMIN])))).toEqual([]);
      });

      it('refuses an empty or too long prefix and a bad size with BAD_USER_INPUT', async () => {
        for (const args of [
          { prefix: ' ', first: 5 },
          { prefix: 'x'.repeat(101), first: 5 },
          { prefix: 'ne', first: 0 },
          { prefix: 'ne', first: 101 },
        ]) {
          await expect(harness.index.suggest(anonymousScope(), args)).rejects.toMatchObject({
            extensions: { code: 'BAD_USER_INPUT' },
          });
        }
      });
    });

    describe('paging and bad input', () => {
      let expected: string[];

      beforeAll(async () => {
        const docs = await add(
          ...Array.from({ length: 5 }, (_, i) => ({ title: `Jerboa ${i}` })),
          ...Array.from({ length: 4 }, (_, i) => ({
            title: `Jerboa in the dunes ${i}`,
            tags: ['jerboa'],
          })),
          ...Array.from({ length: 4 }, (_, i) => ({ title: `Desert ${i}`, body: 'a jerboa hops' })),
        );
        expected = await find('jerboa');
        expect(new Set(expected)).toEqual(new Set(docs.map(doc => doc.id)));
      });

      it('walks every hit once, in the order of one big page', async () => {
        const seen: string[] = [];
        let after: string | null = null;
        for (let pages = 0; pages < 20; pages++) {
          const page = await harness.index.search(anonymousScope(), {
            query: 'jerboa',
            first: 4,
            after,
          });
          expect(page.edges.length).toBeLessThanOrEqual(4);
          seen.push(...page.edges.map(edge => edge.node!.id));
          if (!page.pageInfo.hasNextPage) {
            break;
          }
          after = page.pageInfo.endCursor;
        }
        expect(seen).toEqual(expected);
      });

      it('refuses a cursor of another query, a malformed cursor and bad sizes with BAD_USER_INPUT', async () => {
        const page = await harness.index.search(anonymousScope(), { query: 'jerboa', first: 2 });
        const refusals = [
          { query: 'dunes', first: 2, after: page.pageInfo.endCursor },
          { query: 'jerboa', first: 2, after: 'garbage' },
          { query: 'jerboa', first: 2, after: encodeCursor(['x', 0.5, 'not-a-uuid']) },
          { query: 'jerboa', first: 0 },
          { query: 'jerboa', first: 101 },
          { query: '   ', first: 5 },
          { query: 'j'.repeat(201), first: 5 },
        ];
        for (const args of refusals) {
          await expect(harness.index.search(anonymousScope(), args)).rejects.toMatchObject({
            extensions: { code: 'BAD_USER_INPUT' },
          });
        }
      });
    });
  });
}
