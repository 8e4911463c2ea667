import { badInput, type BaseContext, type Connection, isUuid, PageArgs } from '@vp/kit';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { User } from '../user/user.stub';
import { Playlist, PlaylistKind } from './playlist.entity';
import {
  addToPlaylist,
  createPlaylist,
  deletePlaylist,
  findVisiblePlaylist,
  listItems,
  listUserPlaylists,
  movePlaylistItem,
  removeFromPlaylist,
  updatePlaylist,
  visibleItemCount,
  watchLaterOf,
} from './playlist.service';
import {
  CreatePlaylistInput,
  PlaylistConnection,
  PlaylistItemConnection,
  type PlaylistItemEntry,
  UpdatePlaylistInput,
} from './playlist.types';

@Resolver(() => Playlist)
export class PlaylistResolver {
  @Query(() => Playlist, {
    nullable: true,
    description:
      'A playlist: PUBLIC and UNLISTED ones for anyone with the id, PRIVATE ones for their owner; else null.',
  })
  playlist(@Arg('id', () => ID) id: string, @Ctx() context: BaseContext): Promise<Playlist | null> {
    if (!isUuid(id)) {
      throw badInput('Not a playlist id.', [{ field: 'id', message: 'Not a playlist id.' }]);
    }
    return findVisiblePlaylist(context, id);
  }

  @Mutation(() => Playlist)
  createPlaylist(
    @Arg('input') input: CreatePlaylistInput,
    @Ctx() context: BaseContext,
  ): Promise<Playlist> {
    return createPlaylist(context, input);
  }

  @Mutation(() => Playlist, {
    description: 'Changes title, description or visibility (not of Watch later).',
  })
  updatePlaylist(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdatePlaylistInput,
    @Ctx() context: BaseContext,
  ): Promise<Playlist> {
    return updatePlaylist(context, id, input);
  }

  @Mutation(() => Boolean, { description: 'Deletes one of your playlists (Watch later stays).' })
  deletePlaylist(@Arg('id', () => ID) id: string, @Ctx() context: BaseContext): Promise<boolean> {
    return deletePlaylist(context, id);
  }

  @Mutation(() => Playlist, {
    description: 'Appends a video (up to 5000); adding one already there changes nothing.',
  })
  addToPlaylist(
    @Arg('playlistId', () => ID) playlistId: string,
    @Arg('videoId', () => ID) videoId: string,
    @Ctx() context: BaseContext,
  ): Promise<Playlist> {
    return addToPlaylist(context, playlistId, videoId);
  }

  @Mutation(() => Playlist, { description: 'Takes a video out; the positions after it move up.' })
  removeFromPlaylist(
    @Arg('playlistId', () => ID) playlistId: string,
    @Arg('videoId', () => ID) videoId: string,
    @Ctx() context: BaseContext,
  ): Promise<Playlist> {
    return removeFromPlaylist(context, playlistId, videoId);
  }

  @Mutation(() => Playlist, { description: 'Moves a video to a 0-based position.' })
  movePlaylistItem(
    @Arg('playlistId', () => ID) playlistId: string,
    @Arg('videoId', () => ID) videoId: string,
    @Arg('position', () => Int) position: number,
    @Ctx() context: BaseContext,
  ): Promise<Playlist> {
    return movePlaylistItem(context, playlistId, videoId, position);
  }

  @FieldResolver(() => Int, { description: 'Entries you may see.' })
  itemCount(@Root() playlist: Playlist, @Ctx() context: BaseContext): Promise<number> {
    return visibleItemCount(context, playlist.id);
  }

  @FieldResolver(() => Boolean, { description: 'The built-in Watch later.' })
  isWatchLater(@Root() playlist: Playlist): boolean {
    return playlist.kind === PlaylistKind.WATCH_LATER;
  }

  @FieldResolver(() => User)
  owner(@Root() playlist: Playlist): User {
    return { id: playlist.ownerId };
  }

  @FieldResolver(() => PlaylistItemConnection, {
    description: 'Entries in order, those you may see.',
  })
  items(
    @Root() playlist: Playlist,
    @Args() page: PageArgs,
    @Ctx() context: BaseContext,
  ): Promise<Connection<PlaylistItemEntry>> {
    return listItems(context, playlist, page);
  }
}

@Resolver(() => User)
export class UserPlaylistsResolver {
  @FieldResolver(() => Playlist, {
    nullable: true,
    description: 'Your built-in Watch later (yours only: FORBIDDEN for anyone else).',
  })
  watchLater(@Root() user: User, @Ctx() context: BaseContext): Promise<Playlist> {
    return watchLaterOf(context, user.id);
  }

  @FieldResolver(() => PlaylistConnection, {
    description:
      'Playlists, newest first: all of yours (Watch later apart), the PUBLIC ones of others.',
  })
  playlists(
    @Root() user: User,
    @Args() page: PageArgs,
    @Ctx() context: BaseContext,
  ): Promise<Connection<Playlist>> {
    return listUserPlaylists(context, user.id, page);
  }
}

/** `_entities` follows `playlist(id)`. */
export const resolvePlaylistReference = (reference: { id: string }, context: BaseContext) =>
  findVisiblePlaylist(context, reference.id);
