import { fireEvent, screen } from '@testing-library/react-native';
import ChannelScreen from '../src/app/channel/[handle]';
import WatchScreen from '../src/app/watch/[id]';
import { ask, freshAccount, navigation, platform, renderScreen } from './render';

describe('Channel', () => {
  it("lists the creator's videos, shorts and live streams in tabs, from the platform", async () => {
    renderScreen(ChannelScreen, { handle: platform.creator.handle });
    expect(await screen.findByText(platform.title)).toBeTruthy();
    expect(screen.getByText(new RegExp(`^@${platform.creator.handle} · `))).toBeTruthy();
    // the videos tab has no shorts
    expect(screen.queryByText(platform.shortTitle)).toBeNull();
    fireEvent.press(screen.getByTestId('tab-shorts'));
    expect(screen.getByText(platform.shortTitle)).toBeTruthy();
    expect(screen.queryByText(platform.title)).toBeNull();
    fireEvent.press(screen.getByTestId('tab-live'));
    expect(screen.getByText('Evening chat')).toBeTruthy();
    fireEvent.press(screen.getByText('Evening chat'));
    expect(navigation.visited).toEqual([`/live/${platform.streamId}`]);
  });

  it('says so for a handle nobody has', async () => {
    renderScreen(ChannelScreen, { handle: 'nobody_here_at_all' });
    expect(await screen.findByText('There is no channel @nobody_here_at_all.')).toBeTruthy();
  });

  it("is opened from Watch's owner and from a card's channel name, and follows when signed in", async () => {
    renderScreen(WatchScreen, { id: platform.videoId });
    fireEvent.press(await screen.findByTestId('owner'));
    expect(navigation.visited).toEqual([`/channel/${platform.creator.handle}`]);

    // a fresh account, so the follow below is its own
    const { handle, store } = await freshAccount('fan');
    renderScreen(ChannelScreen, { handle: platform.creator.handle }, store);
    await screen.findByText(platform.title);
    // the video card's channel name leads to the channel, not to the video
    fireEvent.press(screen.getAllByTestId('card-owner')[0]);
    expect(navigation.visited).toEqual([`/channel/${platform.creator.handle}`]);
    fireEvent.press(screen.getByTestId('follow'));
    expect(await screen.findByText('Following')).toBeTruthy();
    const { user } = await ask(
      `query ($handle: String!) { user(handle: $handle) { followers(first: 100) { edges { node { handle } } } } }`,
      { handle: platform.creator.handle },
    );
    expect(user.followers.edges.map((edge: any) => edge.node.handle)).toContain(handle);
  });
});
