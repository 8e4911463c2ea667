import { describeVariable, EnvError, readEnv, type z } from '@vp/kit';

type ZodTypeAny = z.ZodTypeAny;
import { PROCESSES } from './processes';

interface Reader {
  process: string;
  description?: string;
  defaultValue?: unknown;
  required: boolean;
}

/** The variables production insists on for one process: what it reports when given none. */
function productionProblems(env: (typeof PROCESSES)[number]['env']): Set<string> {
  try {
    readEnv(env, { PLATFORM_ENV: 'production' });
    return new Set();
  } catch (error) {
    if (!(error instanceof EnvError)) {
      throw error;
    }
    return new Set(error.problems.map(problem => problem.slice(0, problem.indexOf(':'))));
  }
}

const wrap = (text: string, width = 98) => {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(/\s+/)) {
    if (line.length + word.length + 1 > width && line !== '#') {
      lines.push(line);
      line = '#  ';
    }
    line += ` ${word}`;
  }
  return [...lines, line];
};

const listed = (names: string[]) =>
  names.length === PROCESSES.length ? 'every process' : names.join(', ');

const sentence = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}.`;

/**
 * `.env.example`, generated from the processes' schemas (`npm run env:example`): each variable
 * once, with its meaning, who reads it, its default, and whether production needs it.
 */
export function envExample(): string {
  const variables = new Map<string, Reader[]>();
  const production = new Map<string, string[]>();
  for (const { name, env } of PROCESSES) {
    for (const [variable, type] of Object.entries(env.shape)) {
      const readers = variables.get(variable) ?? [];
      readers.push({ process: name, ...describeVariable(type as ZodTypeAny) });
      variables.set(variable, readers);
    }
    for (const variable of productionProblems(env)) {
      production.set(variable, [...(production.get(variable) ?? []), name]);
    }
  }
  const out = [
    '# The environment of the video platform, one entry per variable, generated from the zod schema',
    '# each process reads its environment through (`npm run env:example`; a test fails when stale).',
    '# The embedded default (`npm start`) needs none of them. PLATFORM_ENV=production refuses every',
    '# development-only setting; those marked "Production" then need a production value. Copy what you',
    '# need to `.env` (git-ignored) and uncomment it. The gateway also reads SUBGRAPH_<NAME>_URL',
    '# (e.g. SUBGRAPH_USERS_URL=http://users:4000/graphql): where a subgraph of the supergraph is.',
  ];
  for (const [variable, readers] of variables) {
    out.push('');
    const descriptions = [...new Set(readers.map(reader => reader.description).filter(Boolean))];
    descriptions.forEach(description => out.push(...wrap(sentence(description!))));
    const defaults = new Map<string, string[]>();
    const required: string[] = [];
    for (const reader of readers) {
      if (reader.defaultValue !== undefined) {
        const text = String(reader.defaultValue);
        defaults.set(text, [...(defaults.get(text) ?? []), reader.process]);
      } else if (reader.required) {
        required.push(reader.process);
      }
    }
    out.push(...wrap(`Read by: ${listed(readers.map(reader => reader.process))}.`));
    if (required.length) {
      out.push(...wrap(`Required by: ${listed(required)}.`));
    }
    if (production.has(variable)) {
      out.push(
        ...wrap(`Production: needs a production value (${listed(production.get(variable)!)}).`),
      );
    }
    if (defaults.size > 1) {
      out.push(
        ...wrap(
          `Defaults: ${[...defaults].map(([value, processes]) => `${value} (${processes.join(', ')})`).join('; ')}.`,
        ),
      );
    }
    out.push(`#${variable}=${defaults.size === 1 ? [...defaults.keys()][0] : ''}`);
  }
  return `${out.join('\n')}\n`;
}
