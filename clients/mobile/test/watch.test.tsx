import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import SignInScreen from '../src/app/sign-in';
import WatchScreen from '../src/app/watch/[id]';
import { memoryRefreshTokenStore } from '../src/lib/refresh-token-store';
import type { StandInPlayer } from './expo-video-stand-in';
import { ask, navigation, platform, renderScreen } from './render';

describe('Watch', () => {
  it('gives the player the signed HLS playlist of the video, which the platform serves', async () => {
    renderScreen(WatchScreen, { id: platform.videoId });
    expect(await screen.findByText(platform.title)).toBeTruthy();
    const player = (await screen.findByTestId('player')).props.player as StandInPlayer;
    expect(player.playing).toBe(true);
    expect(player.source?.contentType).toBe('hls');
    const uri = player.source?.uri;
    expect(uri).toMatch(/\.m3u8/);
    const playlist = await fetch(uri!);
    expect(playlist.status).toBe(200);
    expect(await playlist.text()).toMatch(/^#EXTM3U/);
    expect(screen.getByText('夜の東京を歩きます。')).toBeTruthy();
    // signed out, the like button leads to sign-in
    fireEvent.press(screen.getByTestId('like'));
    expect(navigation.visited).toEqual(['/sign-in']);
  });

  it('signs in (the refresh token kept in the store), and on the next launch likes, comments and follows', async () => {
    const store = memoryRefreshTokenStore();
    const signIn = renderScreen(SignInScreen, {}, store);
    fireEvent.changeText(await screen.findByTestId('field-email'), platform.viewer.email);
    fireEvent.changeText(screen.getByTestId('field-password'), 'not the password at all');
    fireEvent.press(screen.getByTestId('auth-submit'));
    expect(await screen.findByTestId('auth-error')).toBeTruthy();
    expect(await store.get()).toBeNull();
    fireEvent.changeText(screen.getByTestId('field-password'), platform.viewer.password);
    fireEvent.press(screen.getByTestId('auth-submit'));
    await waitFor(() => expect(navigation.visited).toEqual(['/']));
    const first = await store.get();
    expect(first).toBeTruthy();
    signIn.unmount();

    // a new launch: the stored refresh token becomes the session (and is rotated)
    renderScreen(WatchScreen, { id: platform.videoId }, store);
    await screen.findByText(platform.title);
    expect(await store.get()).not.toBe(first);
    fireEvent.press(screen.getByTestId('like'));
    expect(await screen.findByText(/Liked · 1/)).toBeTruthy();
    fireEvent.changeText(screen.getByTestId('comment-input'), '綺麗な夜景ですね — lovely!');
    fireEvent.press(screen.getByTestId('comment-submit'));
    expect(await screen.findByText('綺麗な夜景ですね — lovely!')).toBeTruthy();
    fireEvent.press(screen.getByTestId('follow'));
    expect(await screen.findByText('Following')).toBeTruthy();

    // (the channel's screen test follows the same creator from another account)
    const stored = await ask(
      `query ($id: ID!) { video(id: $id) { likeCount commentCount
        owner { followers(first: 100) { edges { node { handle } } } } } }`,
      { id: platform.videoId },
    );
    expect(stored.video).toMatchObject({ likeCount: 1, commentCount: 1 });
    expect(stored.video.owner.followers.edges.map((edge: any) => edge.node.handle)).toContain(
      platform.viewer.handle,
    );
  });
});
