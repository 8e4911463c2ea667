import { fireEvent, screen, waitFor, within } from '@testing-library/react-native';
import LiveScreen from '../src/app/live/[id]';
import SignInScreen from '../src/app/sign-in';
import { memoryRefreshTokenStore } from '../src/lib/refresh-token-store';
import { browser } from './expo-web-browser-stand-in';
import { ask, freshAccount, navigation, platform, renderScreen } from './render';

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

  it('sends a tip: the checkout opens, and once paid the tip arrives as a highlighted line in yen', async () => {
    const fan = await freshAccount('tipper');
    renderScreen(LiveScreen, { id: platform.streamId }, fan.store);
    fireEvent.press(await screen.findByTestId('tip'));
    fireEvent.press(screen.getByTestId('tip-preset-1000'));
    expect(screen.getByText('Tip ¥1,000')).toBeTruthy();
    fireEvent.changeText(screen.getByTestId('tip-amount'), '1200');
    fireEvent.changeText(screen.getByTestId('tip-message'), 'いつも楽しみにしています');
    fireEvent.press(screen.getByText('Tip ¥1,200'));
    expect(await screen.findByTestId('tip-thanks')).toBeTruthy();

    // the checkout opened in the system browser; the viewer pays there (the platform's sandbox
    // checkout page, as a browser would post its form)
    expect(browser.opened).toHaveLength(1);
    const paid = await fetch(browser.opened[0].replace('localhost', '127.0.0.1'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=success',
    });
    expect(paid.status).toBe(200);
    // the paid tip arrives in the chat over the subscription, highlighted, in yen (webhook →
    // payments → TipReceived → live: a longer wait than one answer's on a loaded machine)
    const line = await screen.findByTestId('tip-line', {}, { timeout: 60_000 });
    expect(within(line).getByText('tipped ¥1,200')).toBeTruthy();
    expect(within(line).getByText('いつも楽しみにしています')).toBeTruthy();
    expect(within(line).getByText(`@${fan.handle}`, { exact: false })).toBeTruthy();
  });
});
