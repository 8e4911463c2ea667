import { randomUUID } from 'node:crypto';
import { Audience, encodeCursor, Role, type Viewer } from '@vp/kit';
import { SearchDocumentKind, SearchVisibility } from './search-document.entity';
import { type SearchDocumentInput, type SearchPort } from './search-port';

export interface ContractHarness {
  index: SearchPort;
  /** What the index holds for an id now: its title, a tombstone, or null if it never heard of it. */
  stored(id: string): Promise<{ title: string | null; deleted: boolean } | null>;
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
    const find = async (query: string, who: Viewer | null = null, first = 100) => {
      const connection = await harness.index.search(who, { query, first });
      return connection.edges.map(edge => edge.node!.id);
    };
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
        expect(await find('stale')).toEqual([]);
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
        expect(await find('serval')).toEqual([]);
      });
    });

    describe('hits', () => {
      it('names the type of every hit: Video, LiveStream or Title', async () => {
        const docs = await add(
          { title: 'Kinkajou video', kind: SearchDocumentKind.VIDEO },
          { title: 'Kinkajou live', kind: SearchDocumentKind.LIVE_STREAM },
          { title: 'Kinkajou series', kind: SearchDocumentKind.TITLE, ownerId: null },
        );
        const connection = await harness.index.search(null, { query: 'kinkajou', first: 10 });
        expect(
          new Set(connection.edges.map(edge => `${edge.node!.__typename}:${edge.node!.id}`)),
        ).toEqual(
          new Set([`Video:${docs[0].id}`, `LiveStream:${docs[1].id}`, `Title:${docs[2].id}`]),
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
          { title: 'Pudu later', ownerId: owner, publishedAt: new Date(Date.now() + 3_600_000) },
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

      it('shows anonymous viewers and strangers only what is published, PUBLIC and not ADULT', async () => {
        expect(await find('pudu')).toEqual([docs.listed]);
        expect(await find('pudu', viewer(randomUUID()))).toEqual([docs.listed]);
        expect(await find('pudu', viewer('api-key:partner'))).toEqual([docs.listed]);
      });

      it('shows the owner and admins everything', async () => {
        const all = Object.values(docs).sort();
        expect((await find('pudu', viewer(owner, [Role.CREATOR]))).sort()).toEqual(all);
        expect((await find('pudu', viewer(randomUUID(), [Role.ADMIN]))).sort()).toEqual(all);
      });

      it('never shows a removed document, not even to admins', async () => {
        const [doc] = await add({ title: 'Pudu removed', ownerId: owner });
        await harness.index.remove({ id: doc.id, kind: SearchDocumentKind.VIDEO });
        expect(await find('pudu', viewer(randomUUID(), [Role.ADMIN]))).not.toContain(doc.id);
        expect(await find('pudu', viewer(owner))).not.toContain(doc.id);
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
          const page = await harness.index.search(null, { query: 'jerboa', first: 4, after });
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
        const page = await harness.index.search(null, { query: 'jerboa', first: 2 });
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
          await expect(harness.index.search(null, args)).rejects.toMatchObject({
            extensions: { code: 'BAD_USER_INPUT' },
          });
        }
      });
    });
  });
}
