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
export const nullableBool = { type: ['boolean', 'null'] } as const;
export const bool = { type: 'boolean' } as const;

export const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}$';
/** A date, or a date-time with an optional zone: what `publishedAt` may hold. */
export const ISO_DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?$';

/** A decimal number, as a query parameter writes one. */
export const NUMBER = '-?\\d+(?:\\.\\d+)?';
/** `bbox=west,south,east,north` in degrees. */
export const BBOX = { type: 'string', pattern: `^${NUMBER}(?:,${NUMBER}){3}$`, description: 'west,south,east,north in degrees' } as const;

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

/** How many items a page of a list route holds unless asked, and at most. */
export interface PageSize {
  default: number;
  max: number;
}

/** Most lists: 100 items a page unless asked, at most 1000 (a page of clusters is then a few megabytes at worst). */
export const LIST_PAGE: PageSize = { default: 100, max: 1000 };

/** The `limit` and `offset` query parameters of a paged list route, with its page size in the schema (and so in the OpenAPI document). */
export function pageParams(size: PageSize = LIST_PAGE, maxOffset?: number): Record<string, JsonSchema> {
  return {
    limit: { type: 'integer', minimum: 1, maximum: size.max, default: size.default, description: `Items per page: ${size.default} unless asked, at most ${size.max}` },
    offset: {
      type: 'integer', minimum: 0, ...(maxOffset === undefined ? {} : { maximum: maxOffset }), default: 0,
      description: 'Items to skip: where the page starts',
    },
  };
}

/**
 * The envelope of a paged list: a page of items, where it starts, how many
 * items there are in all (where that is known) and the link to the next
 * page, null on the last one.
 */
export function pageOf(items: JsonSchema): JsonSchema {
  return listOf(items, { total: int, limit: int, offset: int, next: nullableStr }, ['total']);
}

/** The query string of a list route that takes nothing but its page. */
export const PAGE_QUERY = closedObject(pageParams(), ['limit', 'offset']);
