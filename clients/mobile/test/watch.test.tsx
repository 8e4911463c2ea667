import { fireEvent, screen, waitFor } from 'expo-router/testing-library';
import { memoryRefreshTokenStore } from '../src/lib/refresh-token-store';
import type { StandInPlayer } from './expo-video-stand-in';
import { ask, platform, renderApp } from './render';

describe('Watch', () => {
  it('gives the player the signed HLS playlist of the video, which the platform serves', async () => {
    const app = renderApp(`/watch/${platform.videoId}`);
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
    await waitFor(() => expect(app.getPathname()).toBe('/sign-in'));
  });

  it('signs in (the refresh token kept in the store), then likes, comments and follows', async () => {
    const store = memoryRefreshTokenStore();
    renderApp('/sign-in', store);
    fireEvent.changeText(await screen.findByTestId('field-email'), platform.viewer.email);
    fireEvent.changeText(screen.getByTestId('field-password'), 'not the password at all');
    fireEvent.press(screen.getByTestId('auth-submit'));
    expect(await screen.findByTestId('auth-error')).toBeTruthy();
    expect(await store.get()).toBeNull();

    fireEvent.changeText(screen.getByTestId('field-password'), platform.viewer.password);
    fireEvent.press(screen.getByTestId('auth-submit'));
    expect(await screen.findByText(`@${platform.viewer.handle}`)).toBeTruthy();
    const refreshToken = await store.get();
    expect(refreshToken).toBeTruthy();

    fireEvent.press(await screen.findByText(platform.title));
    await screen.findByTestId('watch');
    fireEvent.press(await screen.findByTestId('like'));
    await waitFor(() => expect(screen.getByText(/Liked · 1/)).toBeTruthy());
    fireEvent.changeText(screen.getByTestId('comment-input'), '綺麗な夜景ですね — lovely!');
    fireEvent.press(screen.getByTestId('comment-submit'));
    expect(await screen.findByText('綺麗な夜景ですね — lovely!')).toBeTruthy();
    fireEvent.press(screen.getByTestId('follow'));
    await waitFor(() => expect(screen.getByText('Following')).toBeTruthy());

    const stored = await ask(
      `query ($id: ID!) { video(id: $id) { likeCount commentCount owner { followerCount } } }`,
      { id: platform.videoId },
    );
    expect(stored.video).toEqual({ likeCount: 1, commentCount: 1, owner: { followerCount: 1 } });
  });
});
