/**
 * Small builders for JSON Schema literals. Response schemas are allow-lists:
 * fast-json-stringify writes only the properties named here, so a field added
 * to a stored object never leaks until it is added to its schema.
 */

export type JsonSchema = Record<string, unknown>;

export const str = { type: 'string' } as const;
export const nullableStr = { type: ['string', 'null'] } as const;
export const num = { type: 'number' } as const;
export const nullableNum = { type: ['number', 'null'] } as const;
export const int = { type: 'integer' } as const;
export const nullableInt = { type: ['integer', 'null'] } as const;
export const bool = { type: 'boolean' } as const;

export const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}$';
/** A date, or a date-time with an optional zone: what `publishedAt` may hold. */
export const ISO_DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?$';

export function ref(id: string): JsonSchema {
  return { $ref: `${id}#` };
}

export function nullableRef(id: string): JsonSchema {
  return { anyOf: [ref(id), { type: 'null' }] };
}

export function arrayOf(items: JsonSchema): JsonSchema {
  return { type: 'array', items };
}

export function enumOf(values: readonly string[]): JsonSchema {
  return { type: 'string', enum: [...values] };
}

export function nullableEnum(values: readonly string[]): JsonSchema {
  return { type: ['string', 'null'], enum: [...values, null] };
}

/**
 * An object schema whose every listed property is required. No
 * `additionalProperties: false`: serialisation already writes the listed
 * properties only, and inside `anyOf` that keyword would make a branch fail
 * on an object that merely carries more than the API shows.
 */
export function object(properties: Record<string, JsonSchema>, optional: readonly string[] = []): JsonSchema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
  };
}

/** A request part (query string, body) that refuses or drops properties it does not list. */
export function closedObject(properties: Record<string, JsonSchema>, optional: readonly string[] = []): JsonSchema {
  return { ...object(properties, optional), additionalProperties: false };
}

/** The `{items: [...]}` envelope of every list response. */
export function listOf(items: JsonSchema, extra: Record<string, JsonSchema> = {}, optional: readonly string[] = []): JsonSchema {
  return object({ items: arrayOf(items), ...extra }, optional);
}
