import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { packageRoot } from '../../src/resources.js';
import { apiName } from '../../src/api/schemas/extraction.js';
import { sharedSchemas } from '../../src/api/schemas/shared.js';
import type { JsonSchema } from '../../src/api/schemas/helpers.js';

// The API's schemas for the extraction types must be the contract in src/types.ts: generated here from
// the types themselves, so a field added there and missing from the API (or the other way round) fails.
const contract = createGenerator({ path: join(packageRoot, 'src', 'types.ts'), type: 'Extraction', skipTypeCheck: true })
  .createSchema('Extraction').definitions as Record<string, JsonSchema>;
const api = new Map(sharedSchemas.map((s) => [s['$id'] as string, s]));

const fields = (schema: JsonSchema) => Object.keys((schema['properties'] as object | undefined) ?? {}).sort();
const required = (schema: JsonSchema) => [...((schema['required'] as string[] | undefined) ?? [])].sort();

test('API schemas: every type of the extraction contract, with the same fields, required fields and values', () => {
  assert.ok(Object.keys(contract).length >= 20);
  for (const [name, definition] of Object.entries(contract)) {
    const schema = api.get(apiName(name));
    assert.ok(schema, `the API has a schema for ${name}`);
    assert.deepEqual(fields(schema), fields(definition), `${name}: fields`);
    assert.deepEqual(required(schema), required(definition), `${name}: required fields`);
    assert.deepEqual(schema['enum'], definition['enum'], `${name}: values`);
  }
});

test("API schemas: a stored event is the contract's event plus where it was read and what fusion made of it", () => {
  const event = api.get('Event')!;
  const added = ['clusterId', 'corroboration', 'docId', 'outlet', 'publishedAt', 'status'];
  assert.deepEqual(fields(event), [...fields(contract['Event']!), ...added].sort());
  assert.deepEqual(required(event), [...required(contract['Event']!), ...added].sort());
});
