import { type Connection, IntRange, PageArgs, PlanTier, TextLength, VIEWER_CACHE } from '@vp/kit';
import {
  Args,
  ArgsType,
  Ctx,
  Directive,
  Field,
  ID,
  InputType,
  Int,
  Query,
  registerEnumType,
  Resolver,
} from 'type-graphql';
import { type SearchContext } from '../config';
import { SearchDocumentKind } from '../documents/search-document.entity';
import {
  MAX_DURATION_SECONDS,
  MAX_PREFIX_LENGTH,
  MAX_QUERY_LENGTH,
  SearchSort,
} from '../documents/search-port';
import { scopeOf } from '../viewer/scope';
import { type SearchHit, SearchResultConnection } from './search-result';

registerEnumType(SearchDocumentKind, {
  name: 'SearchResultType',
  description:
    'What a search may find: VIDEO, SHORT, LIVE_STREAM, TITLE (catalog) or CHANNEL (a User).',
});
registerEnumType(SearchSort, {
  name: 'SearchSort',
  description: 'RELEVANCE (best match first), NEWEST (published), MOST_VIEWED (counted views).',
});

@InputType({ description: 'Narrows a search; every field left out or null matches everything.' })
export class SearchFilter {
  @Field(() => [SearchDocumentKind], {
    nullable: true,
    description: 'Only these kinds (at least one).',
  })
  types?: SearchDocumentKind[] | null;

  @Field(() => ID, { nullable: true, description: 'Only this category (see categories).' })
  categoryId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'At least this long, in seconds (only videos and shorts have a length).',
  })
  @IntRange(0, MAX_DURATION_SECONDS)
  durationMin?: number | null;

  @Field(() => Int, { nullable: true, description: 'At most this long, in seconds.' })
  @IntRange(0, MAX_DURATION_SECONDS)
  durationMax?: number | null;

  @Field(() => Date, { nullable: true, description: 'Published after this time.' })
  publishedAfter?: Date | null;

  @Field(() => PlanTier, { nullable: true, description: 'Only what needs exactly this plan.' })
  requiredPlan?: PlanTier | null;
}

@ArgsType()
export class SearchArgs extends PageArgs {
  @Field({
    description:
      'Words to find, 1 to 200 characters, in any language (Japanese included). Accepts "quoted phrases", or, and -excluded words; misspelt Latin words also match their nearest indexed words.',
  })
  @TextLength(1, MAX_QUERY_LENGTH)
  query!: string;

  @Field(() => SearchFilter, { nullable: true })
  filter?: SearchFilter | null;

  @Field(() => SearchSort, { defaultValue: SearchSort.RELEVANCE })
  sort: SearchSort = SearchSort.RELEVANCE;
}

@ArgsType()
export class SearchSuggestionsArgs {
  @Field({ description: 'What the viewer has typed so far, 1 to 100 characters.' })
  @TextLength(1, MAX_PREFIX_LENGTH)
  prefix!: string;

  @Field(() => Int, { defaultValue: 10, description: 'How many suggestions, 1 to 100.' })
  @IntRange(1, 100)
  first: number = 10;
}

@Resolver()
export class SearchResolver {
  // filtered for the viewer (age check, their own documents, suspended owners)
  @Directive(VIEWER_CACHE)
  @Query(() => SearchResultConnection, {
    description:
      "Videos, shorts, live streams, catalog titles and channels matching the query, filtered and sorted (best match first by default). Titles only where licensed in the viewer's territory; ADULT content only for age-verified viewers.",
  })
  async search(
    @Args() args: SearchArgs,
    @Ctx() context: SearchContext,
  ): Promise<Connection<SearchHit>> {
    return context.searchIndex.search(await scopeOf(context), args);
  }

  @Query(() => [String], {
    description:
      'Completions of a prefix, in any supported language: titles, tags and channel names of what everyone may find, most viewed first.',
  })
  async searchSuggestions(
    @Args() args: SearchSuggestionsArgs,
    @Ctx() context: SearchContext,
  ): Promise<string[]> {
    return context.searchIndex.suggest(await scopeOf(context), args);
  }
}
