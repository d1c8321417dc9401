import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { SOURCE_KINDS, SourceKind } from '../load/load.js';

/** The shipped schemas, next to `src/` and `dist/`. */
export const SCHEMA_DIR = new URL('../../schemas/', import.meta.url);
export const SCHEMA_BASE = 'https://ogp-pack.dev/schemas/';

/** The `kind` values of files in `data/`, each with a schema of the same name. */
export const DATA_KINDS = ['peer-exchange', 'then-and-now', 'implementation-plan', 'working-group-help'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

/** Names of the schemas that describe a whole source: `<name>.schema.json`. */
export type SchemaName = NonNullable<(typeof SOURCE_KINDS)[SourceKind]['schema']> | DataKind;

/** Schema keyword naming the rule id of a requirement, e.g. `"x-rule": "withheld-reason"`. */
export const RULE_KEYWORD = 'x-rule';

let ajv: Ajv2020 | undefined;

function instance(): Ajv2020 {
  if (ajv) return ajv;
  ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, verbose: true });
  addFormats.default(ajv, ['date', 'email']);
  // `x-rule` names the check rule a schema requirement belongs to, so its message carries that rule id.
  ajv.addVocabulary([RULE_KEYWORD]);
  for (const name of readdirSync(SCHEMA_DIR).filter((n) => n.endsWith('.schema.json')).sort()) {
    ajv.addSchema(JSON.parse(readFileSync(new URL(name, SCHEMA_DIR), 'utf8')) as object);
  }
  return ajv;
}

export function validator(name: SchemaName): ValidateFunction {
  const validate = instance().getSchema(`${SCHEMA_BASE}${name}.schema.json`);
  if (!validate) throw new Error(`schema ${name}.schema.json is missing from ${SCHEMA_DIR.pathname}`);
  return validate;
}

export type { ErrorObject };
