import { fireEvent, screen } from '@testing-library/react-native';
import HomeScreen from '../src/app/index';
import { navigation, platform, renderScreen } from './render';

describe('Home', () => {
  it('lists the published video with its channel, the shorts shelf and the upcoming stream, from the platform', async () => {
    renderScreen(HomeScreen);
    expect(await screen.findByText(platform.title)).toBeTruthy();
    // the home feed when discovery has one for this viewer, else the newest videos
    expect(screen.getByText(/^(Recommended|Latest videos)$/)).toBeTruthy();
    expect(screen.getAllByText(/Creator · /).length).toBeGreaterThan(0);
    expect(screen.getByText('Shorts')).toBeTruthy();
    expect(screen.getByText(platform.shortTitle)).toBeTruthy();
    // the stream was created, never started (nor scheduled): not live
    expect(screen.queryByText('Live now')).toBeNull();
  });

  it('opens Watch for the video tapped, and the shorts pager for a short', async () => {
    renderScreen(HomeScreen);
    fireEvent.press(await screen.findByText(platform.title));
    fireEvent.press(screen.getByText(platform.shortTitle));
    expect(navigation.visited).toEqual([
      `/watch/${platform.videoId}`,
      `/shorts?start=${platform.shortId}`,
    ]);
  });

  it('speaks Japanese on a Japanese device', async () => {
    renderScreen(HomeScreen, {}, undefined, 'ja');
    expect(await screen.findByText(platform.title)).toBeTruthy();
    expect(screen.getByText(/^(おすすめ|新着動画)$/)).toBeTruthy();
    expect(screen.getByText('ショート')).toBeTruthy();
  });
});
