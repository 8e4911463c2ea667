import { type BaseContext, type Connection, ConnectionType, PageArgs } from '@vp/kit';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Audience } from '@vp/kit';
import { loadChildPage } from '../paging/child-pages';
import { Season } from '../seasons/season.entity';
import { SEASONS } from '../seasons/season.service';
import { Title, TitleKind } from './title.entity';
import { listTitles, titleLoader } from './title.service';

@InputType({ description: 'Narrows a list of titles; every field is optional.' })
export class TitleFilter {
  @Field(() => TitleKind, { nullable: true })
  kind?: TitleKind | null;

  @Field(() => Audience, { nullable: true, description: 'GENERAL or ADULT (R18) titles only.' })
  audience?: Audience | null;
}

const TitleConnection = ConnectionType(Title);
const SeasonConnection = ConnectionType(Season);

@Resolver(() => Title)
export class TitleResolver {
  @Query(() => Title, {
    nullable: true,
    description: 'One title; null when there is none with this id.',
  })
  title(@Ctx() context: BaseContext, @Arg('id', () => ID) id: string): Promise<Title | null> {
    return titleLoader(context).load(id);
  }

  @Query(() => TitleConnection, { description: 'Titles in name order (ties broken by id).' })
  titles(
    @Ctx() { em }: BaseContext,
    @Args() page: PageArgs,
    @Arg('filter', () => TitleFilter, { nullable: true }) filter?: TitleFilter | null,
  ): Promise<Connection<Title>> {
    return listTitles(em, page, filter ?? {});
  }

  @FieldResolver(() => SeasonConnection, { description: 'Its seasons in number order.' })
  seasons(
    @Root() title: Title,
    @Ctx() context: BaseContext,
    @Args() page: PageArgs,
  ): Promise<Connection<Season>> {
    return loadChildPage(context, SEASONS, title.id, page);
  }
}

/** Catalog metadata is public; entitlement checks belong to playback (a later issue). */
export function resolveTitleReference(reference: { id: string }, context: BaseContext) {
  return titleLoader(context).load(reference.id);
}
