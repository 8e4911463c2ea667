import { fireEvent, screen } from 'expo-router/testing-library';
import { platform, renderApp } from './render';

describe('Home', () => {
  it('lists the published video with its channel, the shorts shelf and the upcoming stream, from the platform', async () => {
    renderApp('/');
    expect(await screen.findByText(platform.title)).toBeTruthy();
    expect(screen.getByText('Latest videos')).toBeTruthy();
    expect(screen.getAllByText(/Creator · /).length).toBeGreaterThan(0);
    expect(screen.getByText('Shorts')).toBeTruthy();
    expect(screen.getByText(platform.shortTitle)).toBeTruthy();
    // the stream was created, never started: it is upcoming, not live
    expect(screen.getByText('Upcoming')).toBeTruthy();
    expect(screen.getByText('Evening chat')).toBeTruthy();
    expect(screen.queryByText('Live now')).toBeNull();
    expect(screen.getByText('Sign in')).toBeTruthy();
  });

  it('opens Watch for the video tapped', async () => {
    const app = renderApp('/');
    fireEvent.press(await screen.findByText(platform.title));
    expect(await screen.findByTestId('watch')).toBeTruthy();
    expect(app.getPathname()).toBe(`/watch/${platform.videoId}`);
  });

  it('speaks Japanese on a Japanese device', async () => {
    renderApp('/', undefined, 'ja');
    expect(await screen.findByText(platform.title)).toBeTruthy();
    expect(screen.getByText('新着動画')).toBeTruthy();
    expect(screen.getByText('ログイン')).toBeTruthy();
  });
});
