import { type Connection, PageArgs, TextLength } from '@vp/kit';
import { Args, ArgsType, Ctx, Field, Query, Resolver } from 'type-graphql';
import { type SearchContext } from '../config';
import { MAX_QUERY_LENGTH } from '../documents/search-port';
import { type SearchHit, SearchResultConnection } from './search-result';

@ArgsType()
export class SearchArgs extends PageArgs {
  @Field({
    description:
      'Words to find, 1 to 200 characters, in any language (Japanese included). Accepts "quoted phrases", or, and -excluded words.',
  })
  @TextLength(1, MAX_QUERY_LENGTH)
  query!: string;
}

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, {
    description: 'Videos, live streams and catalog titles matching the query, best match first.',
  })
  search(
    @Args() args: SearchArgs,
    @Ctx() { searchIndex, viewer }: SearchContext,
  ): Promise<Connection<SearchHit>> {
    return searchIndex.search(viewer, args);
  }
}
