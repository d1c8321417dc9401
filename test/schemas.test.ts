import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { generate } from '../scripts/gen-types.mjs';
import { TABLE_ATTRIBUTES } from '../src/resolve/resolve.js';
import { validator, type SchemaName } from '../src/validate/schemas.js';

const DIR = new URL('../schemas/', import.meta.url);
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.schema.json')).sort();
const read = (file: string) => JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Record<string, unknown>;

/** Every schema of an object's fields, with its JSON Pointer. */
function* objects(node: unknown, pointer = ''): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* objects(item, `${pointer}/${i}`);
  } else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.type === 'object' && record.properties) yield [pointer, record];
    // An `if` is a condition on a value, not a shape of one: it need not be closed.
    for (const [key, value] of Object.entries(record)) if (key !== 'if') yield* objects(value, `${pointer}/${key}`);
  }
}

describe('shipped schemas', () => {
  it.each(FILES.filter((f) => f !== 'common.schema.json'))('%s compiles in strict mode', (file) => {
    expect(() => validator(file.replace('.schema.json', '') as SchemaName)).not.toThrow();
  });

  it.each(FILES)('%s is draft 2020-12, closed, and documents every field', (file) => {
    const schema = read(file);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.description).toEqual(expect.any(String));
    for (const [pointer, object] of objects(schema)) {
      expect(object.additionalProperties, `${file}#${pointer}`).toBe(false);
      for (const [name, property] of Object.entries((object.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        const documented = typeof property.description === 'string' || typeof property.$ref === 'string';
        expect(documented, `${file}#${pointer}/properties/${name} needs a description`).toBe(true);
      }
    }
    for (const [name, definition] of Object.entries((schema.$defs ?? {}) as Record<string, Record<string, unknown>>)) {
      expect(typeof definition.description, `${file}#/$defs/${name}`).toBe('string');
    }
  });

  it('a peer-exchange `::table` selects by the statuses the schema defines', () => {
    const schema = read('peer-exchange.schema.json') as { $defs: { activity: { properties: { status: { enum: string[] } } } } };
    expect(TABLE_ATTRIBUTES['peer-exchange'].status).toEqual(schema.$defs.activity.properties.status.enum);
  });

  it('the TypeScript source types are generated from the current schemas', async () => {
    const committed = readFileSync(new URL('../src/model/sources.generated.ts', import.meta.url), 'utf8');
    expect(committed, 'run `npm run gen:types`').toBe(await generate());
  });
});
