import {
  defineEnv,
  describeVariable,
  EnvError,
  inProduction,
  mergeEnv,
  platformEnv,
  readEnv,
  requiredInProduction,
  subgraphEnv,
  trustProxyEnv,
  z,
} from './env';

const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof EnvError) {
      return error.problems;
    }
    throw error;
  }
  return [];
};

const example = mergeEnv(
  platformEnv,
  defineEnv(
    {
      MODE: z.enum(['a', 'b']).default('a').describe('a mode'),
      LIMIT: z.coerce.number().int().min(1).default(5).describe('a limit'),
      SECRET: z.string().min(8).optional().describe('a secret'),
    },
    (env, report) => {
      if (env.MODE === 'b' && !env.SECRET) {
        report('SECRET', 'is required when MODE=b');
      }
    },
    inProduction((env, report) => {
      if (env.MODE === 'a') {
        report('MODE', 'is a development mode');
      }
    }),
    requiredInProduction('SECRET'),
  ),
);

describe('readEnv', () => {
  it('parses values and applies defaults (an empty value counts as unset)', () => {
    const env = readEnv(example, { LIMIT: '7', SECRET: '', PUBLIC_URL: 'https://video.example/' });
    expect(env).toMatchObject({ MODE: 'a', LIMIT: 7, PLATFORM_ENV: 'development' });
    expect(env.SECRET).toBeUndefined();
    expect(env.PUBLIC_URL).toBe('https://video.example');
  });

  it('lists every problem at once: each bad variable and each broken rule', () => {
    expect(
      problemsOf(() => readEnv(example, { MODE: 'b', LIMIT: 'many', LOG_LEVEL: 'loud' })),
    ).toEqual([
      expect.stringMatching(/^LOG_LEVEL: /),
      expect.stringMatching(/^LIMIT: Expected number/),
      'SECRET: is required when MODE=b',
    ]);
  });

  it('names a missing required variable once, even when a rule reads it too', () => {
    const schema = defineEnv(
      { KEY: z.string().describe('a key') },
      (env, report) => env.KEY === 'x' || report('KEY', 'must be x'),
    );
    expect(problemsOf(() => readEnv(schema, {}))).toEqual(['KEY: is required']);
  });

  it('refuses development settings in production, saying which', () => {
    expect(problemsOf(() => readEnv(example, { PLATFORM_ENV: 'production' }))).toEqual([
      'PUBLIC_URL: is required in production (PLATFORM_ENV=production)',
      'REDIS_URL: is required in production (PLATFORM_ENV=production)',
      'MODE: is a development mode',
      'SECRET: is required in production (PLATFORM_ENV=production)',
    ]);
    const production = {
      PLATFORM_ENV: 'production',
      PUBLIC_URL: 'https://video.example',
      REDIS_URL: 'redis://redis:6379',
      MODE: 'b',
      SECRET: 'long enough',
    };
    expect(readEnv(example, production).MODE).toBe('b');
  });

  it('refuses a loopback proxy in production only', () => {
    expect(readEnv(trustProxyEnv, {}).TRUST_PROXY).toBe('loopback');
    expect(readEnv(trustProxyEnv, { TRUST_PROXY: 'none' }).TRUST_PROXY).toBe('');
    expect(problemsOf(() => readEnv(trustProxyEnv, { TRUST_PROXY: '10.0.0.300' }))).toEqual([
      expect.stringMatching(/^TRUST_PROXY: .*10\.0\.0\.300/),
    ]);
    expect(problemsOf(() => readEnv(trustProxyEnv, { PLATFORM_ENV: 'production' }))).toEqual([
      expect.stringMatching(/^TRUST_PROXY: trusts loopback/),
    ]);
    expect(
      readEnv(trustProxyEnv, { PLATFORM_ENV: 'production', TRUST_PROXY: '10.0.0.0/8' }).TRUST_PROXY,
    ).toBe('10.0.0.0/8');
  });

  it("checks a subgraph's key set", () => {
    expect(problemsOf(() => readEnv(subgraphEnv(4001), { AUTH_JWKS: '{"keys":"no"}' }))).toEqual([
      'AUTH_JWKS: must be a JSON Web Key Set: {"keys":[…]}',
    ]);
  });
});

describe('mergeEnv', () => {
  it('refuses two different declarations of one variable', () => {
    const a = defineEnv({ PORT: z.string().describe('a') });
    const b = defineEnv({ PORT: z.string().describe('b') });
    expect(() => mergeEnv(a, b)).toThrow('PORT is declared twice with different rules');
    expect(Object.keys(mergeEnv(a, a).shape)).toEqual(['PORT']);
  });
});

describe('describeVariable', () => {
  it('finds the description and default under transforms and optionals', () => {
    expect(describeVariable(platformEnv.shape.PLATFORM_DATA_DIR)).toEqual({
      description: expect.stringContaining('data folder'),
      defaultValue: '.data',
      required: false,
    });
    expect(describeVariable(z.string().optional().describe('x'))).toEqual({
      description: 'x',
      defaultValue: undefined,
      required: false,
    });
    expect(describeVariable(z.string().describe('y')).required).toBe(true);
  });
});
