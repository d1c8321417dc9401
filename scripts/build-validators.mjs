// Compiles the JSON Schemas into standalone validator code (ajv's standalone mode), so that
// `ogp-pack check` does not compile them on every run. Run by `npm run build` after tsc; the
// output, dist/validate/validators.cjs, records a digest of the schemas it was built from.
import { readdirSync, writeFileSync } from 'node:fs';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { createAjv, SCHEMA_BASE, SCHEMA_DIR, schemasDigest } from '../dist/validate/schemas.js';

// Every schema but the shared definitions validates a whole file: a source, a data file or a template.
const names = readdirSync(SCHEMA_DIR)
  .filter((f) => f.endsWith('.schema.json') && f !== 'common.schema.json')
  .map((f) => f.replace('.schema.json', ''))
  .sort();
const ajv = createAjv({ code: { source: true } });
const code = standaloneCode.default(ajv, Object.fromEntries(names.map((name) => [name, `${SCHEMA_BASE}${name}.schema.json`])));
writeFileSync(new URL('../dist/validate/validators.cjs', import.meta.url), `${code}\nexports.digest = ${JSON.stringify(schemasDigest())};\n`);
