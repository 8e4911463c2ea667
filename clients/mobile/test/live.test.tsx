import { fireEvent, screen } from 'expo-router/testing-library';
import { ask, platform, renderApp } from './render';

describe('Live chat', () => {
  it('shows the history, lines others send (over graphql-ws) and its own, and the viewer count', async () => {
    await ask(
      `mutation ($id: ID!) { sendChatMessage(streamId: $id, body: "Welcome, everyone") { id } }`,
      { id: platform.streamId },
      platform.creator.token,
    );
    renderApp('/sign-in');
    fireEvent.changeText(await screen.findByTestId('field-email'), platform.viewer.email);
    fireEvent.changeText(screen.getByTestId('field-password'), platform.viewer.password);
    fireEvent.press(screen.getByTestId('auth-submit'));
    await screen.findByText(`@${platform.viewer.handle}`);
    fireEvent.press(await screen.findByText('Evening chat'));
    expect(await screen.findByText('Welcome, everyone')).toBeTruthy();
    expect(screen.getByTestId('viewer-count')).toBeTruthy();

    // said by the creator elsewhere: arrives through the subscription (or its replay, had the
    // socket not opened yet: the room subscribes from the last line it read)
    await ask(
      `mutation ($id: ID!) { sendChatMessage(streamId: $id, body: "Can you hear me?") { id } }`,
      { id: platform.streamId },
      platform.creator.token,
    );
    expect(await screen.findByText('Can you hear me?', {}, { timeout: 20_000 })).toBeTruthy();

    fireEvent.changeText(screen.getByTestId('chat-input'), 'こんばんは!');
    fireEvent.press(screen.getByTestId('chat-send'));
    expect(await screen.findByText('こんばんは!')).toBeTruthy();
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
