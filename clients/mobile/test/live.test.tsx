import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import LiveScreen from '../src/app/live/[id]';
import SignInScreen from '../src/app/sign-in';
import { memoryRefreshTokenStore } from '../src/lib/refresh-token-store';
import { ask, navigation, platform, renderScreen } from './render';

describe('Live chat', () => {
  it('shows the history, lines others send (over graphql-ws) and its own, and the viewer count', async () => {
    const creator = (
      await ask(`mutation ($input: SignInInput!) { signIn(input: $input) { accessToken } }`, {
        input: {
          email: `${platform.creator.handle}@example.com`,
          password: platform.viewer.password,
        },
      })
    ).signIn.accessToken as string;
    await ask(
      `mutation ($id: ID!) { sendChatMessage(streamId: $id, body: "Welcome, everyone") { id } }`,
      { id: platform.streamId },
      creator,
    );
    const store = memoryRefreshTokenStore();
    const signIn = renderScreen(SignInScreen, {}, store);
    fireEvent.changeText(await screen.findByTestId('field-email'), platform.viewer.email);
    fireEvent.changeText(screen.getByTestId('field-password'), platform.viewer.password);
    fireEvent.press(screen.getByTestId('auth-submit'));
    await waitFor(() => expect(navigation.visited).toEqual(['/']));
    signIn.unmount();
    renderScreen(LiveScreen, { id: platform.streamId }, store);
    expect((await screen.findAllByText(/Welcome, everyone/)).length).toBeGreaterThan(0);
    expect(screen.getByTestId('viewer-count')).toBeTruthy();

    // said by the creator elsewhere: arrives through the subscription (or its replay, had the
    // socket not opened yet: the room subscribes from the last line it read)
    await ask(
      `mutation ($id: ID!) { sendChatMessage(streamId: $id, body: "Can you hear me?") { id } }`,
      { id: platform.streamId },
      creator,
    );
    expect((await screen.findAllByText(/Can you hear me\?/)).length).toBeGreaterThan(0);

    fireEvent.changeText(screen.getByTestId('chat-input'), 'こんばんは!');
    fireEvent.press(screen.getByTestId('chat-send'));
    expect((await screen.findAllByText(/こんばんは!/)).length).toBeGreaterThan(0);
    const history = await ask(
      `query ($id: ID!) { chatMessages(streamId: $id, last: 50) { edges { node { body author { handle } } } } }`,
      { id: platform.streamId },
    );
    expect(history.chatMessages.edges.map((edge: any) => edge.node)).toContainEqual({
      body: 'こんばんは!',
      author: { handle: platform.viewer.handle },
    });
  });
});
