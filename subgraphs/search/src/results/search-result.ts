import { PageInfo } from '@vp/kit';
import { createUnionType, Field, ObjectType } from 'type-graphql';
import { LiveStream, Title, Video } from './stubs';

export type SearchHit =
  | { __typename: 'Video'; id: string }
  | { __typename: 'LiveStream'; id: string }
  | { __typename: 'Title'; id: string };

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'Something a search finds: a video or short, a live stream, or a catalog title.',
  types: () => [Video, LiveStream, Title] as const,
  // Hits are built as `{ __typename, id }` by the search service.
  resolveType: hit => (hit as unknown as SearchHit).__typename,
});

@ObjectType({ description: 'One search hit and its cursor.' })
export class SearchResultEdge {
  @Field()
  cursor!: string;

  @Field(() => SearchResult, {
    nullable: true,
    description: 'Null when the item changed since it was indexed and is no longer yours to see.',
  })
  node!: SearchHit | null;
}

@ObjectType({ description: 'Search hits, best match first.' })
export class SearchResultConnection {
  @Field(() => [SearchResultEdge])
  edges!: SearchResultEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
