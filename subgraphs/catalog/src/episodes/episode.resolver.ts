import { type BaseContext } from '@vp/kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { episodeAvailability } from '../availability/availability.service';
import { Availability } from '../availability/availability.types';
import { type CatalogContext } from '../config';
import { Season } from '../seasons/season.entity';
import { seasonLoader } from '../seasons/season.service';
import { canSeeTitle, titleLoader } from '../titles/title.service';
import { AddEpisodeInput, UpdateEpisodeInput } from './episode.inputs';
import { Episode } from './episode.entity';
import {
  addEpisode,
  episodeLoader,
  playbackFor,
  removeEpisode,
  updateEpisode,
} from './episode.service';
import { EpisodePlayback } from './episode.types';

@Resolver(() => Episode)
export class EpisodeResolver {
  @FieldResolver(() => Season, { description: 'The season it belongs to.' })
  async season(@Root() episode: Episode, @Ctx() context: BaseContext): Promise<Season> {
    return (await seasonLoader(context).load(episode.season.id))!;
  }

  @FieldResolver(() => Availability, {
    description:
      "Whether it plays for you here and now: its title's availability, and its video's.",
  })
  availability(@Root() episode: Episode, @Ctx() context: CatalogContext): Promise<Availability> {
    return episodeAvailability(context, episode);
  }

  @FieldResolver(() => EpisodePlayback, {
    nullable: true,
    description:
      'Signed HLS URLs when it plays for you; else null with PAYMENT_REQUIRED (plan) or FORBIDDEN (every other reason), extensions.reason being the AvailabilityReason.',
  })
  playback(@Root() episode: Episode, @Ctx() context: CatalogContext): Promise<EpisodePlayback> {
    return playbackFor(context, episode);
  }

  @Mutation(() => Episode, {
    description:
      'Adds an episode played by a READY video you uploaded (BAD_USER_INPUT for a taken number, a video not READY, someone else’s, or one already playing an episode; a film has one episode). Catalog managers only.',
  })
  addEpisode(
    @Arg('input', () => AddEpisodeInput) input: AddEpisodeInput,
    @Ctx() context: CatalogContext,
  ): Promise<Episode> {
    return addEpisode(context, input);
  }

  @Mutation(() => Episode, {
    description: "Changes an episode's number, text or video. Catalog managers only.",
  })
  updateEpisode(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateEpisodeInput) input: UpdateEpisodeInput,
    @Ctx() context: CatalogContext,
  ): Promise<Episode> {
    return updateEpisode(context, id, input);
  }

  @Mutation(() => Boolean, {
    description: 'Removes an episode; its video stays catalog content. Catalog managers only.',
  })
  removeEpisode(@Arg('id', () => ID) id: string, @Ctx() context: CatalogContext): Promise<boolean> {
    return removeEpisode(context, id);
  }
}

/** An episode is readable when its title is (drafts are the managers'). */
export async function resolveEpisodeReference(reference: { id: string }, context: BaseContext) {
  const episode = await episodeLoader(context).load(reference.id);
  const season = episode && (await seasonLoader(context).load(episode.season.id));
  const title = season && (await titleLoader(context).load(season.title.id));
  return episode && canSeeTitle(context, title) ? episode : null;
}
