import { INHERITED_CACHE, PageInfo } from '@vp/kit';
import { createUnionType, Directive, Field, ObjectType } from 'type-graphql';
import { LiveStream, Title, User, Video } from './stubs';

export type SearchHit =
  | { __typename: 'Video'; id: string }
  | { __typename: 'LiveStream'; id: string }
  | { __typename: 'Title'; id: string }
  | { __typename: 'User'; id: string };

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description:
    'Something a search finds: a video or short, a live stream, a catalog title, or a channel (User).',
  types: () => [Video, LiveStream, Title, User] as const,
  // Hits are built as `{ __typename, id }` by the search service.
  resolveType: hit => (hit as unknown as SearchHit).__typename,
});

@Directive(INHERITED_CACHE)
@ObjectType({ description: 'One search hit and its cursor.' })
export class SearchResultEdge {
  @Field()
  cursor!: string;

  // a union carries no hint: the hit is as cacheable as the search, then as its own type
  @Directive(INHERITED_CACHE)
  @Field(() => SearchResult, {
    nullable: true,
    description: 'Null when the item changed since it was indexed and is no longer yours to see.',
  })
  node!: SearchHit | null;
}

@Directive(INHERITED_CACHE)
@ObjectType({ description: 'Search hits, in the order asked for.' })
export class SearchResultConnection {
  @Field(() => [SearchResultEdge])
  edges!: SearchResultEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
