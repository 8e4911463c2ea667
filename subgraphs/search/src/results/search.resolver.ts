import { type Connection, PageArgs } from '@vp/kit';
import { Args, ArgsType, Ctx, Field, Query, Resolver } from 'type-graphql';
import { type SearchContext } from '../config';
import { type SearchHit, SearchResultConnection } from './search-result';

@ArgsType()
export class SearchArgs extends PageArgs {
  @Field({
    description:
      'Words to find, 1 to 200 characters, in any language (Japanese included). Accepts "quoted phrases", or, and -excluded words.',
  })
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
