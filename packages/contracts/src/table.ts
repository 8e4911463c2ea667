import { z } from 'zod';
import { type EventContract, eventTopic } from './contract';
import { EVENTS } from './events';

/** A field's type in words, read from its zod schema (enum bars escaped for a Markdown cell). */
function typeOf(schema: z.ZodTypeAny): string {
  if (schema instanceof z.ZodNullable) {
    return `${typeOf(schema.unwrap())} or null`;
  }
  if (schema instanceof z.ZodOptional) {
    return `${typeOf(schema.unwrap())}, optional`;
  }
  if (schema instanceof z.ZodString) {
    if (schema.isUUID) {
      return 'uuid';
    }
    if (schema.isDatetime) {
      return 'ISO-8601 time';
    }
    return 'string';
  }
  if (schema instanceof z.ZodNumber) {
    return schema.isInt ? 'integer' : 'number';
  }
  if (schema instanceof z.ZodBoolean) {
    return 'boolean';
  }
  if (schema instanceof z.ZodEnum) {
    return (schema.options as string[]).join(' \\| ');
  }
  if (schema instanceof z.ZodArray) {
    return `${typeOf(schema.element)}[]`;
  }
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodTypeAny>;
    return `{ ${Object.entries(shape)
      .map(([field, inner]) => `${field}: ${typeOf(inner)}`)
      .join(', ')} }`;
  }
  if (schema instanceof z.ZodRecord) {
    return `map of string to ${typeOf(schema.valueSchema)}`;
  }
  if (schema instanceof z.ZodUnion) {
    return (schema.options as z.ZodTypeAny[]).map(typeOf).join(' \\| ');
  }
  if (schema instanceof z.ZodNull) {
    return 'null';
  }
  throw new Error(`The events table cannot describe a ${schema.constructor.name} yet.`);
}

function fieldsOf(contract: EventContract): string {
  if (!(contract.schema instanceof z.ZodObject)) {
    throw new Error(`${contract.name}'s payload must be a z.object.`);
  }
  const shape = contract.schema.shape as Record<string, z.ZodTypeAny>;
  return Object.entries(shape)
    .map(([field, schema]) => `\`${field}\` ${typeOf(schema)}`)
    .join('<br>');
}

/** The README's table of every event, generated from the definitions (its test fails when stale). */
export function eventsTable(events: readonly EventContract[] = EVENTS): string {
  const rows = events.map(contract =>
    [
      `**${contract.name}**<br>${contract.summary}`,
      String(contract.version),
      `\`${eventTopic(contract)}\``,
      contract.producer,
      contract.consumers.join(', ') || '(none yet)',
      fieldsOf(contract),
    ].join(' | '),
  );
  return [
    '| event | version | topic | producer | consumers | fields |',
    '|---|---|---|---|---|---|',
    ...rows.map(row => `| ${row} |`),
  ].join('\n');
}
