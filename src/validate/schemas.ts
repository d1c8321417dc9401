import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, Options, ValidateFunction } from 'ajv/dist/2020.js';
import type { SOURCE_KINDS, SourceKind } from '../load/load.js';

/** The shipped schemas, next to `src/` and `dist/`. */
export const SCHEMA_DIR = new URL('../../schemas/', import.meta.url);
export const SCHEMA_BASE = 'https://ogp-pack.dev/schemas/';

/** The `kind` values of files in `data/`, each with a schema of the same name. */
export const DATA_KINDS = ['table', 'peer-exchange', 'then-and-now', 'implementation-plan', 'working-group-help'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

/** Names of the schemas that describe a whole source: `<name>.schema.json`. */
export type SchemaName = NonNullable<(typeof SOURCE_KINDS)[SourceKind]['schema']> | DataKind | 'layout';

/** Schema keyword naming the rule id of a requirement, e.g. `"x-rule": "withheld-reason"`. */
export const RULE_KEYWORD = 'x-rule';

/**
 * Validators compiled ahead of time by `npm run build` (scripts/build-validators.mjs, ajv's
 * standalone code), next to this module in dist/. Compiling the schemas at run time costs more
 * than everything else `check` does with them, so it is done only when that file is missing or
 * was built from other schemas.
 */
const PRECOMPILED = './validators.cjs';

const require = createRequire(import.meta.url);

/** The schema files, sorted by name. */
function schemaFiles(): { name: string; text: string }[] {
  return readdirSync(SCHEMA_DIR)
    .filter((n) => n.endsWith('.schema.json'))
    .sort()
    .map((name) => ({ name, text: readFileSync(new URL(name, SCHEMA_DIR), 'utf8') }));
}

/** A digest of the schemas, recorded in the precompiled validators so stale ones are not used. */
export function schemasDigest(files = schemaFiles()): string {
  const hash = createHash('sha256');
  for (const { name, text } of files) hash.update(`${name}\0${text}\0`);
  return hash.digest('hex');
}

/** ajv as ogp-pack configures it; `extra` adds options such as `code: {source: true}` for the build. */
export function createAjv(extra: Options = {}, files = schemaFiles()): Ajv2020 {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, verbose: true, ...extra });
  addFormats(ajv, ['date', 'email']);
  // `x-rule` names the check rule a schema requirement belongs to, so its message carries that rule id.
  ajv.addVocabulary([RULE_KEYWORD]);
  for (const { text } of files) ajv.addSchema(JSON.parse(text) as object);
  return ajv;
}

type Validators = Partial<Record<SchemaName, ValidateFunction>>;
let validators: { precompiled?: Validators & { digest?: string }; ajv?: Ajv2020 } | undefined;

function load(): NonNullable<typeof validators> {
  const files = schemaFiles();
  try {
    const precompiled = require(PRECOMPILED) as Validators & { digest?: string };
    if (precompiled.digest === schemasDigest(files)) return { precompiled };
  } catch {
    // Not built (running from src/): compile below.
  }
  return { ajv: createAjv({}, files) };
}

export function validator(name: SchemaName): ValidateFunction {
  validators ??= load();
  const validate = validators.precompiled?.[name] ?? validators.ajv?.getSchema(`${SCHEMA_BASE}${name}.schema.json`);
  if (!validate) throw new Error(`schema ${name}.schema.json is missing from ${SCHEMA_DIR.pathname}`);
  return validate;
}

export type { ErrorObject };
