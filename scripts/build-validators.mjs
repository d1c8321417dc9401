// Compiles the JSON Schemas into standalone validator code (ajv's standalone mode), so that
// `ogp-pack check` does not compile them on every run. Run by `npm run build` after tsc; the
// output, dist/validate/validators.cjs, records a digest of the schemas it was built from.
import { writeFileSync } from 'node:fs';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { createAjv, DATA_KINDS, SCHEMA_BASE, schemasDigest } from '../dist/validate/schemas.js';
import { SOURCE_KINDS } from '../dist/load/load.js';

const names = [...new Set([...Object.values(SOURCE_KINDS).flatMap((kind) => (kind.schema ? [kind.schema] : [])), ...DATA_KINDS])].sort();
const ajv = createAjv({ code: { source: true } });
const code = standaloneCode.default(ajv, Object.fromEntries(names.map((name) => [name, `${SCHEMA_BASE}${name}.schema.json`])));
writeFileSync(new URL('../dist/validate/validators.cjs', import.meta.url), `${code}\nexports.digest = ${JSON.stringify(schemasDigest())};\n`);
