import { fireEvent, screen } from '@testing-library/react-native';
import { availabilityInWords } from '@vp/client/src/availability';
import { translator } from '@vp/client/src/i18n';
import BrowseScreen from '../src/app/browse';
import TitleScreen from '../src/app/title/[id]';
import { ask, navigation, platform, renderScreen } from './render';

describe('Catalog title', () => {
  it('is listed in Browse and opens its title screen', async () => {
    renderScreen(BrowseScreen);
    fireEvent.press(await screen.findByText(platform.titleName));
    expect(navigation.visited).toEqual([`/title/${platform.titleId}`]);
  });

  it('explains in words where and from when it plays (licensed from 10 days on), and lists its episode', async () => {
    renderScreen(TitleScreen, { id: platform.titleId });
    expect(await screen.findByText(platform.titleName)).toBeTruthy();
    const { viewerTerritory, title } = await ask(
      `query ($id: ID!) { viewerTerritory title(id: $id) { maturityRating
        availability { playable reason availableFrom availableUntil requiredPlan } } }`,
      { id: platform.titleId },
    );
    expect(title.availability).toMatchObject({ playable: false, reason: 'NOT_YET_AVAILABLE' });
    const place = new Intl.DisplayNames(['en'], { type: 'region' }).of(viewerTerritory);
    const words = screen.getByTestId('availability').props.children as string;
    expect(words).toMatch(new RegExp(`^Available in ${place} from .+\\.$`));
    // the same words as the web's /title page (one helper, clients/shared)
    expect(words).toBe(
      availabilityInWords(
        title.availability,
        title.maturityRating,
        viewerTerritory,
        'en',
        translator('en'),
      ),
    );
    expect(screen.getByText('The film')).toBeTruthy();
    expect(screen.getByText(/^Film · Rated G · Premium · 2026$/)).toBeTruthy();
  });

  it('speaks Japanese on a Japanese device', async () => {
    renderScreen(TitleScreen, { id: platform.titleId }, undefined, 'ja');
    expect(await screen.findByText(platform.titleName)).toBeTruthy();
    expect(screen.getByTestId('availability').props.children).toMatch(/から配信。$/);
  });
});
