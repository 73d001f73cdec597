import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../resources.js';
import type { JsonSchema } from './helpers.js';

/**
 * The API's schemas for the extraction contract, derived from
 * schema/extraction.schema.json, which `npm run schema` generates from
 * src/types.ts (and test/pipeline checks is up to date): a field added to
 * the types reaches the API's validation, serialisation and OpenAPI document
 * without a second copy to keep by hand.
 *
 * Each definition becomes a shared schema registered by `$id` under its
 * type's name, except where the API already uses the name: the extraction's
 * `Event` and `Corridor` are `ExtractedEvent` and `ExtractedCorridor` (the
 * API's `Event` is a stored event, with its document and fusion status).
 */

const API_NAMES: Readonly<Record<string, string>> = { Event: 'ExtractedEvent', Corridor: 'ExtractedCorridor' };

export function apiName(typeName: string): string {
  return API_NAMES[typeName] ?? typeName;
}

interface GeneratedSchema {
  definitions: Record<string, JsonSchema>;
}

/**
 * `#/definitions/X` becomes the shared reference `X#`. `additionalProperties:
 * false` is dropped, as the API's own object schemas do (see helpers.ts):
 * responses are allow-lists already, and inside `anyOf` the keyword would
 * refuse an object that merely carries more than the API shows.
 */
function toShared(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toShared);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'additionalProperties' && value === false) continue;
    out[key] = key === '$ref' ? `${apiName(String(value).replace('#/definitions/', ''))}#` : toShared(value);
  }
  return out;
}

/** The generated definitions as shared schemas, keyed by API name. */
export function readExtractionSchemas(file = join(packageRoot, 'schema', 'extraction.schema.json')): Map<string, JsonSchema> {
  const generated = JSON.parse(readFileSync(file, 'utf8')) as GeneratedSchema;
  return new Map(Object.entries(generated.definitions).map(([name, definition]) => [apiName(name), { $id: apiName(name), ...toShared(definition) as JsonSchema }]));
}
