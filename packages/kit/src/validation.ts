import { ValidateBy, validateSync, type ValidationOptions } from 'class-validator';
import { getNamedType, type GraphQLResolveInfo } from 'graphql';
import { getMetadataStorage, type ValidatorFn } from 'type-graphql';
import { badInput, type InputProblem } from './errors';

/*
 * One way to check what clients send, configured once as type-graphql's `validateFn` in
 * buildFederatedSchema. Rules are declared on the input classes (`@InputType`, `@ArgsType`) with the
 * decorators below; before they run, every string of the input is trimmed (unless `@Untrimmed`),
 * and a required (non-null) string left empty is refused. Every refusal, here or in a service
 * (`badInput`, for rules that need the database), is BAD_USER_INPUT with
 * `extensions.problems: [{ field, message }]`, where field is the path in the operation's
 * arguments: `input.title`, `body`, `parts.1.etag`.
 */

export const REQUIRED = 'Required.';

/** An input class, as type-graphql's metadata names it (its constructor). */
type InputClass = object;

const untrimmedFields = new Map<InputClass, Set<string>>();

/** Keeps a string as sent (passwords): every other string of an input is trimmed. */
export function Untrimmed(): PropertyDecorator {
  return (prototype, property) => {
    const fields = untrimmedFields.get(prototype.constructor) ?? new Set<string>();
    fields.add(String(property));
    untrimmedFields.set(prototype.constructor, fields);
  };
}

/** Characters as people count them (code points): an emoji is one. */
export const characterCount = (text: string) => [...text].length;

/**
 * A rule whose message depends on the value: `problemOf` answers why the value is refused, or null.
 * It also gets the whole (trimmed) input, for rules across fields (a password unlike the handle).
 * Null and missing values are not checked (the schema decides whether they are allowed).
 */
export function Rule<Input = any>(
  problemOf: (value: any, input: Input) => string | null,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: `rule:${problemOf.name || 'custom'}`,
      validator: {
        validate: (value, args) => problemOf(value, args?.object as Input) === null,
        defaultMessage: args => problemOf(args?.value, args?.object as Input) ?? '',
      },
    },
    options,
  );
}

function lengthMessage(min: number, max: number) {
  return min === 0 ? `At most ${max} characters.` : `${min} to ${max} characters.`;
}

/** Between min and max characters (code points), counted after trimming. */
export const TextLength = (min: number, max: number, options?: ValidationOptions) =>
  Rule(function textLength(value: unknown) {
    const length = typeof value === 'string' ? characterCount(value) : -1;
    return length >= min && length <= max ? null : lengthMessage(min, max);
  }, options);

/** A whole number from min to max. */
export const IntRange = (min: number, max: number, options?: ValidationOptions) =>
  Rule(function intRange(value: unknown) {
    return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? null
      : `A whole number from ${min} to ${max}.`;
  }, options);

// C0 controls (tab and line breaks allowed by PlainText({ lineBreaks: true })), DEL and C1 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Bidirectional overrides and isolates make text display as something other than what it says.
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/** Whether a text holds control characters; `lineBreaks` allows tabs and line breaks. */
export const hasControlCharacters = (text: string, { lineBreaks = false } = {}) =>
  lineBreaks ? text.search(CONTROL_BUT_LINES) !== -1 : CONTROL.test(text);

/** The text without control characters other than tabs and line breaks (text we clean, not refuse). */
export const stripControlCharacters = (text: string) => text.replace(CONTROL_BUT_LINES, '');

/** CR LF and lone CR become LF, so that a text is stored (and counted) the same from any system. */
export const normalizeLineBreaks = (text: string) => text.replace(/\r\n?/g, '\n');

/** Text without control characters; `lineBreaks` allows tabs and line breaks (messages, bodies). */
export const PlainText = (
  { lineBreaks = false }: { lineBreaks?: boolean } = {},
  options?: ValidationOptions,
) =>
  Rule(function plainText(value: unknown) {
    return typeof value === 'string' && !hasControlCharacters(value, { lineBreaks })
      ? null
      : 'Plain text only, without control characters.';
  }, options);

/** Text without bidirectional overrides, for what one user writes and others read. */
export const NoDirectionOverrides = (options?: ValidationOptions) =>
  Rule(function noDirectionOverrides(value: unknown) {
    return typeof value === 'string' && DIRECTION_CONTROLS.test(value)
      ? 'No text-direction control characters.'
      : null;
  }, options);

interface InputField {
  property: string;
  schemaName: string;
  nullable: boolean;
  isString: boolean;
  untrimmed: boolean;
}

const metadata = () => getMetadataStorage();

// Decorators have all run by the time a request comes: what a class declares is read once.
const fieldsByType = new WeakMap<InputClass, InputField[]>();

/** The type-graphql fields of an input class, its parents' included. */
function inputFieldsOf(type: InputClass): InputField[] {
  const known = fieldsByType.get(type);
  if (known) {
    return known;
  }
  const fields: InputField[] = [];
  for (
    let current = type;
    current && current !== Object;
    current = Object.getPrototypeOf(current)
  ) {
    for (const field of metadata().fields.filter(candidate => candidate.target === current)) {
      if (!fields.some(seen => seen.property === field.name)) {
        const { nullable } = field.typeOptions;
        fields.push({
          property: field.name,
          schemaName: field.schemaName,
          nullable: nullable !== undefined && nullable !== false,
          isString: field.getType() === String,
          untrimmed: isUntrimmed(type, field.name),
        });
      }
    }
  }
  fieldsByType.set(type, fields);
  return fields;
}

function isUntrimmed(type: InputClass, property: string) {
  for (
    let current = type;
    current && current !== Object;
    current = Object.getPrototypeOf(current)
  ) {
    if (untrimmedFields.get(current)?.has(property)) {
      return true;
    }
  }
  return false;
}

const isInputObject = (value: unknown): value is object =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** Trims, then checks one input object and the input objects inside it; returns what is wrong. */
export function inputProblems(input: object, path = ''): InputProblem[] {
  const record = input as Record<string, unknown>;
  const fields = inputFieldsOf(input.constructor);
  const problems = new Map<string, InputProblem>();
  for (const field of fields) {
    const value = record[field.property];
    if (field.isString && !field.untrimmed) {
      if (typeof value === 'string') {
        record[field.property] = value.trim();
      } else if (Array.isArray(value)) {
        record[field.property] = value.map(item => (typeof item === 'string' ? item.trim() : item));
      }
    }
    if (field.isString && !field.nullable && record[field.property] === '') {
      problems.set(field.property, { field: join(path, field.schemaName), message: REQUIRED });
    }
  }
  const declared = validateSync(input, {
    skipMissingProperties: true,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
  });
  for (const error of declared) {
    const message = Object.values(error.constraints ?? {})[0];
    const field = fields.find(candidate => candidate.property === error.property);
    if (message && !problems.has(error.property)) {
      problems.set(error.property, {
        field: join(path, field?.schemaName ?? error.property),
        message,
      });
    }
  }
  const nested: InputProblem[] = [];
  for (const field of fields) {
    const value = record[field.property];
    if (problems.has(field.property)) {
      continue;
    }
    if (isInputObject(value)) {
      nested.push(...inputProblems(value, join(path, field.schemaName)));
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (isInputObject(item)) {
          nested.push(...inputProblems(item, join(join(path, field.schemaName), index)));
        }
      });
    }
  }
  // Problems in the order the fields are declared, so forms and tests read them predictably.
  const ordered = fields.flatMap(field => problems.get(field.property) ?? []);
  return [...ordered, ...nested];
}

/** The GraphQL name of an input class; null for `@ArgsType` classes, whose fields are arguments. */
const inputNames = new WeakMap<InputClass, string | null>();
function inputNameOf(argType: InputClass): string | null {
  if (!inputNames.has(argType)) {
    const isArgs = metadata().argumentTypes.some(type => type.target === argType);
    const input = metadata().inputTypes.find(type => type.target === argType);
    inputNames.set(argType, isArgs ? null : (input?.name ?? null));
  }
  return inputNames.get(argType)!;
}

/** `input` for `@Arg('input') input: SignUpInput`; '' for `@Args()` classes, whose fields are the arguments. */
function argumentPath(argType: unknown, info: GraphQLResolveInfo): string {
  const inputName = typeof argType === 'function' ? inputNameOf(argType) : null;
  if (!inputName) {
    return '';
  }
  const args = info.parentType.getFields()[info.fieldName]?.args ?? [];
  return args.find(arg => getNamedType(arg.type).name === inputName)?.name ?? '';
}

/**
 * type-graphql's `validateFn`: runs for every argument of every resolver. Scalars are left to the
 * schema (declare rules on them through an `@ArgsType` class); input objects are trimmed in place
 * and checked, and every problem found is reported at once.
 */
export const validateInput: ValidatorFn = (value, argType, { info }) => {
  if (!isInputObject(value) && !Array.isArray(value)) {
    return;
  }
  const path = argumentPath(argType, info);
  const problems = Array.isArray(value)
    ? value.flatMap((item, index) =>
        isInputObject(item) ? inputProblems(item, join(path, index)) : [],
      )
    : isInputObject(value)
      ? inputProblems(value, path)
      : [];
  if (problems.length) {
    throw badInput(summarise(problems), problems);
  }
};

function summarise(problems: InputProblem[]) {
  if (problems.length === 1) {
    return `${problems[0].field}: ${problems[0].message}`;
  }
  return `Some fields need attention: ${[...new Set(problems.map(p => p.field))].join(', ')}.`;
}
