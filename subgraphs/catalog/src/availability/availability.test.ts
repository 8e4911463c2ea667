import { PlanTier } from '@vp/kit';
import { MaturityRating } from '../titles/title.entity';
import { ageOn, availabilityOf, spansOf, type ViewerFacts } from './availability';

const at = (iso: string) => new Date(iso);
const title = (overrides: Partial<Parameters<typeof availabilityOf>[0]> = {}) => ({
  publishedAt: at('2026-01-01T00:00:00Z'),
  requiredPlan: PlanTier.PREMIUM,
  maturityRating: MaturityRating.G,
  ...overrides,
});
const premium: ViewerFacts = {
  tier: PlanTier.PREMIUM,
  ageVerified: false,
  birthDate: '1990-04-01',
};
const window = (startsAt: string, endsAt: string) => ({
  startsAt: at(startsAt),
  endsAt: at(endsAt),
});
const march = [window('2026-03-01T10:00:00Z', '2026-04-01T10:00:00Z')];

describe('availabilityOf', () => {
  it('plays from the first instant of a window to the last before its end (half-open)', () => {
    const reasonAt = (instant: string) =>
      availabilityOf(title(), march, premium, at(instant)).reason;
    expect(reasonAt('2026-03-01T09:59:59.999Z')).toBe('NOT_YET_AVAILABLE');
    expect(reasonAt('2026-03-01T10:00:00.000Z')).toBeNull();
    expect(reasonAt('2026-03-01T10:00:01.000Z')).toBeNull();
    expect(reasonAt('2026-04-01T09:59:59.999Z')).toBeNull();
    expect(reasonAt('2026-04-01T10:00:00.000Z')).toBe('LICENCE_EXPIRED');
  });

  it('says from when and until when, and which window bounds a playback URL', () => {
    const playing = availabilityOf(title(), march, premium, at('2026-03-15T00:00:00Z'));
    expect(playing).toEqual({
      playable: true,
      reason: null,
      availableFrom: at('2026-03-01T10:00:00Z'),
      availableUntil: at('2026-04-01T10:00:00Z'),
      requiredPlan: 'PREMIUM',
      windowEndsAt: at('2026-04-01T10:00:00Z'),
    });
    const early = availabilityOf(title(), march, premium, at('2026-02-01T00:00:00Z'));
    expect(early).toMatchObject({
      playable: false,
      reason: 'NOT_YET_AVAILABLE',
      availableFrom: at('2026-03-01T10:00:00Z'),
      availableUntil: at('2026-04-01T10:00:00Z'),
      windowEndsAt: null,
    });
  });

  it('joins abutting windows into one period, but bounds URLs by the window playing now', () => {
    const windows = [
      window('2026-04-01T10:00:00Z', '2026-05-01T10:00:00Z'),
      window('2026-03-01T10:00:00Z', '2026-04-01T10:00:00Z'),
    ];
    const result = availabilityOf(title(), windows, premium, at('2026-03-31T00:00:00Z'));
    expect(result).toMatchObject({
      playable: true,
      availableFrom: at('2026-03-01T10:00:00Z'),
      availableUntil: at('2026-05-01T10:00:00Z'),
      windowEndsAt: at('2026-04-01T10:00:00Z'),
    });
    expect(
      availabilityOf(title(), windows, premium, at('2026-04-01T10:00:00Z')).windowEndsAt,
    ).toEqual(at('2026-05-01T10:00:00Z'));
    expect(spansOf(windows)).toEqual([window('2026-03-01T10:00:00Z', '2026-05-01T10:00:00Z')]);
  });

  it('names the next period when between two, the last one when all have ended', () => {
    const windows = [
      window('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'),
      window('2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z'),
    ];
    expect(availabilityOf(title(), windows, premium, at('2026-03-01T00:00:00Z'))).toMatchObject({
      reason: 'NOT_YET_AVAILABLE',
      availableFrom: at('2026-06-01T00:00:00Z'),
    });
    expect(availabilityOf(title(), windows, premium, at('2026-08-01T00:00:00Z'))).toMatchObject({
      reason: 'LICENCE_EXPIRED',
      availableFrom: at('2026-06-01T00:00:00Z'),
      availableUntil: at('2026-07-01T00:00:00Z'),
    });
  });

  it('checks in order: published, territory, window, sign-in, age, plan', () => {
    const now = at('2026-03-15T00:00:00Z');
    const adultTitle = title({
      maturityRating: MaturityRating.R18,
      requiredPlan: PlanTier.PREMIUM_PLUS,
    });
    const cases: [string | null, ReturnType<typeof availabilityOf>][] = [
      ['NOT_PUBLISHED', availabilityOf(title({ publishedAt: null }), [], null, now)],
      [
        'NOT_PUBLISHED',
        availabilityOf(title({ publishedAt: at('2026-04-01T00:00:00Z') }), march, premium, now),
      ],
      ['TERRITORY_BLOCKED', availabilityOf(title(), [], null, now)],
      ['NOT_YET_AVAILABLE', availabilityOf(title(), march, null, at('2026-02-01T00:00:00Z'))],
      ['LICENCE_EXPIRED', availabilityOf(title(), march, null, at('2026-05-01T00:00:00Z'))],
      ['SIGN_IN_REQUIRED', availabilityOf(title(), march, null, now)],
      [
        'SIGN_IN_REQUIRED',
        availabilityOf(
          title({ requiredPlan: PlanTier.FREE, maturityRating: MaturityRating.R15 }),
          march,
          null,
          now,
        ),
      ],
      [null, availabilityOf(title({ requiredPlan: PlanTier.FREE }), march, null, now)],
      [
        null,
        availabilityOf(
          title({ requiredPlan: PlanTier.FREE, maturityRating: MaturityRating.PG12 }),
          march,
          null,
          now,
        ),
      ],
      // age before plan: a FREE viewer who is not age-verified is not asked to pay for R18
      [
        'AGE_RESTRICTED',
        availabilityOf(adultTitle, march, { ...premium, tier: PlanTier.FREE }, now),
      ],
      [
        'PAYMENT_REQUIRED',
        availabilityOf(adultTitle, march, { ...premium, ageVerified: true }, now),
      ],
      [
        null,
        availabilityOf(
          adultTitle,
          march,
          { ...premium, tier: PlanTier.PREMIUM_PLUS, ageVerified: true },
          now,
        ),
      ],
      [
        'PAYMENT_REQUIRED',
        availabilityOf(title(), march, { ...premium, tier: PlanTier.FREE }, now),
      ],
      [null, availabilityOf(title(), march, premium, now)],
    ];
    expect(cases.map(([, result]) => result.reason)).toEqual(cases.map(([reason]) => reason));
    expect(cases.every(([reason, result]) => result.playable === (reason === null))).toBe(true);
  });

  it('lets R15 titles play from the 15th birthday, by birth date, and never for an unknown age', () => {
    const r15 = title({ maturityRating: MaturityRating.R15 });
    const now = at('2026-03-15T12:00:00Z');
    const born = (birthDate: string | null) =>
      availabilityOf(r15, march, { ...premium, birthDate }, now).reason;
    expect(born('2011-03-15')).toBeNull(); // 15 today
    expect(born('2011-03-16')).toBe('AGE_RESTRICTED'); // 15 tomorrow
    expect(born('1990-01-01')).toBeNull();
    expect(born(null)).toBe('AGE_RESTRICTED');
  });
});

describe('ageOn', () => {
  it('counts whole years in UTC; a 29 February birthday counts on 1 March', () => {
    expect(ageOn('2000-02-29', at('2015-02-28T23:59:59Z'))).toBe(14);
    expect(ageOn('2000-02-29', at('2015-03-01T00:00:00Z'))).toBe(15);
    expect(ageOn('nonsense', at('2015-03-01T00:00:00Z'))).toBeNull();
  });
});
