import {
  type BaseContext,
  type Connection,
  ConnectionType,
  forbidden,
  PageArgs,
  PUBLIC_CACHE,
  requireViewer,
  UNCACHED,
} from '@vp/kit';
import {
  Arg,
  Args,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { isManager, requireManager } from '../access';
import { titleAvailability } from '../availability/availability.service';
import { Availability } from '../availability/availability.types';
import { type CatalogContext } from '../config';
import { Licence } from '../licences/licence.entity';
import { AddLicenceInput } from '../licences/licence.inputs';
import { addLicence, licencesOf, removeLicence } from '../licences/licence.service';
import { loadChildPage } from '../paging/child-pages';
import { Season } from '../seasons/season.entity';
import { SEASONS, seasonLoader } from '../seasons/season.service';
import { CreateTitleInput, TitleFilter, UpdateTitleInput } from './title.inputs';
import { Title } from './title.entity';
import { createTitle, publishTitle, unpublishTitle, updateTitle } from './title-management.service';
import { listManagedTitles, listTitles, visibleTitle } from './title.service';

const TitleConnection = ConnectionType(Title);
const SeasonConnection = ConnectionType(Season);

@Resolver(() => Title)
export class TitleResolver {
  @Query(() => Title, {
    nullable: true,
    description:
      'One title; null when there is none with this id (or it is a draft and you do not manage the catalog).',
  })
  title(@Ctx() context: BaseContext, @Arg('id', () => ID) id: string): Promise<Title | null> {
    return visibleTitle(context, id);
  }

  @Query(() => String, {
    description:
      "The territory (ISO 3166-1 alpha-2) availability is worked out for: the CDN's country of a trusted hop, else DEFAULT_TERRITORY.",
  })
  viewerTerritory(@Ctx() context: BaseContext): string {
    return context.territory;
  }

  // the same for everyone in a territory (the gateway keys answers by territory); a licence
  // window opening or closing shows up within the maxAge, a title's change at once (TitleChanged)
  @Directive(PUBLIC_CACHE)
  @Query(() => TitleConnection, {
    description:
      'Published titles that play now or will play in your territory (see availability.availableFrom), in name order.',
  })
  titles(
    @Ctx() context: CatalogContext,
    @Args() page: PageArgs,
    @Arg('filter', () => TitleFilter, { nullable: true }) filter?: TitleFilter | null,
  ): Promise<Connection<Title>> {
    return listTitles(context, page, filter ?? {});
  }

  @Query(() => TitleConnection, {
    description:
      'Every title, drafts and withdrawn ones included, in name order. Catalog managers only.',
  })
  managedTitles(
    @Ctx() context: CatalogContext,
    @Args() page: PageArgs,
    @Arg('filter', () => TitleFilter, { nullable: true }) filter?: TitleFilter | null,
  ): Promise<Connection<Title>> {
    requireManager(context.viewer);
    return listManagedTitles(context, page, filter ?? {});
  }

  @FieldResolver(() => SeasonConnection, { description: 'Its seasons in number order.' })
  seasons(
    @Root() title: Title,
    @Ctx() context: BaseContext,
    @Args() page: PageArgs,
  ): Promise<Connection<Season>> {
    // The seasons read here are the ones their episodes' availability asks for: no second read.
    return loadChildPage(context, SEASONS, title.id, page).then(connection => {
      const loader = seasonLoader(context);
      connection.edges.forEach(edge => loader.prime(edge.node.id, edge.node));
      return connection;
    });
  }

  @Directive(UNCACHED)
  @FieldResolver(() => Availability, {
    description: 'Whether it plays for you, in your territory, now; and if not, exactly why.',
  })
  availability(@Root() title: Title, @Ctx() context: CatalogContext): Promise<Availability> {
    return titleAvailability(context, title);
  }

  @Directive(UNCACHED)
  @FieldResolver(() => [Licence], {
    nullable: true,
    description: 'Its licences, earliest first. Catalog managers only (others: null, FORBIDDEN).',
  })
  licences(@Root() title: Title, @Ctx() context: CatalogContext): Promise<Licence[]> {
    requireViewer(context.viewer);
    if (!isManager(context.viewer)) {
      throw forbidden('Only catalog managers may read licences.');
    }
    return licencesOf(context, title.id);
  }

  @Mutation(() => Title, { description: 'Creates a draft title. Catalog managers only.' })
  createTitle(
    @Arg('input', () => CreateTitleInput) input: CreateTitleInput,
    @Ctx() context: CatalogContext,
  ): Promise<Title> {
    return createTitle(context, input);
  }

  @Mutation(() => Title, { description: "Changes a title's details. Catalog managers only." })
  updateTitle(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateTitleInput) input: UpdateTitleInput,
    @Ctx() context: CatalogContext,
  ): Promise<Title> {
    return updateTitle(context, id, input);
  }

  @Mutation(() => Title, {
    description:
      'Publishes a title with at least one episode: it plays wherever and whenever its licences say. Catalog managers only.',
  })
  publishTitle(@Arg('id', () => ID) id: string, @Ctx() context: CatalogContext): Promise<Title> {
    return publishTitle(context, id);
  }

  @Mutation(() => Title, {
    description:
      'Withdraws a title (NOT_PUBLISHED); it stays readable by id. Catalog managers only.',
  })
  unpublishTitle(@Arg('id', () => ID) id: string, @Ctx() context: CatalogContext): Promise<Title> {
    return unpublishTitle(context, id);
  }

  @Mutation(() => Licence, {
    description:
      'Licenses a title in some territories for [startsAt, endsAt) (BAD_USER_INPUT for unknown codes, an empty window, or an overlap with another licence of the title in a territory). Catalog managers only.',
  })
  addLicence(
    @Arg('input', () => AddLicenceInput) input: AddLicenceInput,
    @Ctx() context: CatalogContext,
  ): Promise<Licence> {
    return addLicence(context, input);
  }

  @Mutation(() => Boolean, { description: 'Removes a licence. Catalog managers only.' })
  removeLicence(@Arg('id', () => ID) id: string, @Ctx() context: CatalogContext): Promise<boolean> {
    return removeLicence(context, id);
  }
}

/** Catalog metadata is public once published; drafts are the managers' (null for anyone else). */
export function resolveTitleReference(reference: { id: string }, context: BaseContext) {
  return visibleTitle(context, reference.id);
}
