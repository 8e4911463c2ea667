import { graphql, type GraphQLSchema } from 'graphql';
import {
  Arg,
  Args,
  ArgsType,
  Field,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
} from 'type-graphql';
import { ErrorCode } from './errors';
import { buildFederatedSchema } from './federation';
import { PageArgs } from './pagination';
import {
  hasControlCharacters,
  IntRange,
  normalizeLineBreaks,
  PlainText,
  Rule,
  stripControlCharacters,
  TextLength,
  Untrimmed,
} from './validation';

@InputType()
class ChapterInput {
  @Field()
  @TextLength(1, 20)
  heading!: string;
}

@InputType()
class DraftInput {
  @Field()
  @TextLength(1, 10)
  title!: string;

  @Field(() => String, { nullable: true })
  @TextLength(0, 20)
  @PlainText({ lineBreaks: true })
  note?: string | null;

  @Field(() => [String], { nullable: true })
  @TextLength(1, 5, { each: true })
  tags?: string[] | null;

  @Field(() => Int)
  @IntRange(1, 5)
  stars!: number;

  @Field()
  @Untrimmed()
  secret!: string;

  @Field(() => [ChapterInput], { nullable: true })
  chapters?: ChapterInput[] | null;

  @Field({ nullable: true })
  @Rule(value => (/^[a-z]+$/.test(value) ? null : 'Lower-case letters only.'))
  slug?: string;
}

@ArgsType()
class ShoutArgs {
  @Field()
  @TextLength(1, 8)
  body!: string;
}

let received: DraftInput | undefined;

@Resolver()
class DraftResolver {
  @Mutation(() => String)
  saveDraft(@Arg('input') input: DraftInput): string {
    received = input;
    return input.title;
  }

  @Mutation(() => String)
  shout(@Args() { body }: ShoutArgs): string {
    return body;
  }

  @Query(() => Int)
  page(@Args() { first }: PageArgs): number {
    return first;
  }
}

const SAVE = `mutation Save($input: DraftInput!) { saveDraft(input: $input) }`;
const valid = { title: 'Draft', stars: 3, secret: ' s3cret ' };

describe('validateInput (every input, every subgraph)', () => {
  let schema: GraphQLSchema;
  const run = (source: string, variableValues?: Record<string, unknown>) =>
    graphql({ schema, source, variableValues });

  beforeAll(async () => {
    schema = await buildFederatedSchema({ resolvers: [DraftResolver] });
  });

  beforeEach(() => {
    received = undefined;
  });

  it('trims every string, list items and nested inputs included, but not @Untrimmed ones', async () => {
    const response = await run(SAVE, {
      input: {
        ...valid,
        title: '  Draft \n',
        note: ' line one\nline two ',
        tags: [' a ', 'b  '],
        chapters: [{ heading: '  Opening ' }],
      },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ saveDraft: 'Draft' });
    expect(received).toMatchObject({
      title: 'Draft',
      note: 'line one\nline two',
      tags: ['a', 'b'],
      chapters: [{ heading: 'Opening' }],
      secret: ' s3cret ',
    });
  });

  it('refuses an empty and a whitespace-only required string alike', async () => {
    const empty = await run(SAVE, { input: { ...valid, title: '' } });
    const blank = await run(SAVE, { input: { ...valid, title: ' \t\n ' } });
    for (const response of [empty, blank]) {
      expect(response.data).toBeNull();
      expect(response.errors![0].extensions).toEqual({
        code: ErrorCode.BAD_USER_INPUT,
        problems: [{ field: 'input.title', message: 'Required.' }],
      });
    }
    expect(blank.errors![0].message).toBe(empty.errors![0].message);
    expect(received).toBeUndefined();
  });

  it('lists every problem at once, with the path of each field', async () => {
    const response = await run(SAVE, {
      input: {
        title: 'A title far too long',
        note: 'bell\u0007',
        tags: ['ok', 'toolong'],
        stars: 9,
        secret: 'x',
        chapters: [{ heading: 'Fine' }, { heading: '   ' }],
        slug: 'Not-A-Slug',
      },
    });
    expect(response.errors![0].extensions).toEqual({
      code: ErrorCode.BAD_USER_INPUT,
      problems: [
        { field: 'input.title', message: '1 to 10 characters.' },
        { field: 'input.note', message: 'Plain text only, without control characters.' },
        { field: 'input.tags', message: '1 to 5 characters.' },
        { field: 'input.stars', message: 'A whole number from 1 to 5.' },
        { field: 'input.slug', message: 'Lower-case letters only.' },
        { field: 'input.chapters.1.heading', message: 'Required.' },
      ],
    });
    expect(response.errors![0].message).toBe(
      'Some fields need attention: input.title, input.note, input.tags, input.stars, input.slug, input.chapters.1.heading.',
    );
  });

  it('counts characters as people do: an emoji is one', async () => {
    const response = await run(SAVE, { input: { ...valid, title: '🎬'.repeat(10) } });
    expect(response.errors).toBeUndefined();
  });

  it('checks @Args classes under the argument names themselves', async () => {
    const blank = await run(`mutation { shout(body: "   ") }`);
    expect(blank.errors![0].extensions).toEqual({
      code: ErrorCode.BAD_USER_INPUT,
      problems: [{ field: 'body', message: 'Required.' }],
    });
    expect(blank.errors![0].message).toBe('body: Required.');
    const long = await run(`mutation { shout(body: " far too long ") }`);
    expect(long.errors![0].extensions!.problems).toEqual([
      { field: 'body', message: '1 to 8 characters.' },
    ]);
    expect((await run(`mutation { shout(body: " hey ") }`)).data).toEqual({ shout: 'hey' });
  });

  it('gives page sizes their range on every list', async () => {
    for (const first of [0, 101]) {
      const response = await run(`{ page(first: ${first}) }`);
      expect(response.errors![0].extensions).toEqual({
        code: ErrorCode.BAD_USER_INPUT,
        problems: [{ field: 'first', message: 'A whole number from 1 to 100.' }],
      });
    }
    expect((await run(`{ page }`)).data).toEqual({ page: 20 });
  });
});

describe('plain-text helpers (shared by the rules and the text a subgraph cleans)', () => {
  it('finds, and strips, control characters, keeping tabs and line breaks where asked', () => {
    expect(hasControlCharacters('a\tb\nc')).toBe(true);
    expect(hasControlCharacters('a\tb\nc', { lineBreaks: true })).toBe(false);
    // The same answer twice in a row: the pattern keeps no state between calls.
    expect(hasControlCharacters('x\u0007', { lineBreaks: true })).toBe(true);
    expect(hasControlCharacters('x\u0007', { lineBreaks: true })).toBe(true);
    expect(hasControlCharacters('\u0085 NEL')).toBe(true);
    expect(stripControlCharacters('a\u0000b\u007Fc\td\ne\u009B')).toBe('abc\td\ne');
    expect(normalizeLineBreaks('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });
});
