// Writes docs/format.md, the reference of the source format, from the schemas' own descriptions:
// every field of every source kind with its type, whether it is required, its values and default.
// `node scripts/format-reference.mjs` rewrites it; a test fails when it is stale or a field has no description.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const SCHEMAS = new URL('../schemas/', import.meta.url);
const OUTPUT = new URL('../docs/format.md', import.meta.url);

/** Where each kind's files live, in the order a new editor meets them; the layout last. */
const PLACES = {
  meeting: '`meeting.yaml` at the top of the meeting\'s directory',
  session: '`sessions/<id>.yaml`',
  paper: '`papers/<id>.md`: YAML front matter, then the paper\'s Markdown',
  person: '`people/<id>.md`: YAML front matter, then the biography\'s Markdown',
  'working-group': '`working-groups/<id>.md`: YAML front matter, then the sheet\'s Markdown',
  'peer-exchange': '`data/<id>.yaml` with `kind: peer-exchange`',
  'then-and-now': '`data/<id>.yaml` with `kind: then-and-now`',
  'implementation-plan': '`data/<id>.yaml` with `kind: implementation-plan`',
  'working-group-help': '`data/<id>.yaml` with `kind: working-group-help`',
  layout: '`layout.yaml` in the meeting\'s directory (optional), or the file `--layout` names',
};

const read = (name) => JSON.parse(readFileSync(new URL(`${name}.schema.json`, SCHEMAS), 'utf8'));

/** The schemas in reading order: the known kinds first, then any other, by name. */
function schemaNames() {
  const all = readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.json') && f !== 'common.schema.json').map((f) => f.replace('.schema.json', ''));
  const known = Object.keys(PLACES).filter((name) => all.includes(name));
  return [...known, ...all.filter((name) => !known.includes(name)).sort()];
}

/** The definition a `$ref` names and the schema it is in (common.schema.json, or the schema itself). */
function resolve(ref, owner, common) {
  const [file, pointer] = ref.split('#');
  const schema = file === 'common.schema.json' ? common : owner;
  const name = pointer.split('/').pop();
  return { name, node: schema.$defs?.[name] ?? {}, owner: schema };
}

const code = (value) => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;

/** A field's type in words: `text (string)`, `list of …`, `one of a, b`, `string, date`. */
function typeOf(node, owner, common, depth = 0) {
  if (depth > 8) return 'any';
  if (node.$ref) {
    const { name, node: target, owner: inner } = resolve(node.$ref, owner, common);
    const rest = Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref' && k !== 'description'));
    // A shared definition is named; the table of shared types says what it is.
    if (inner === common && Object.keys(rest).length === 0 && !target.properties) return `[${name}](#shared-types)`;
    const type = typeOf({ ...target, ...rest }, inner, common, depth + 1);
    return type === 'any' || type === name ? name : type;
  }
  if (node.const !== undefined) return `always ${code(node.const)}`;
  if (node.enum) return `one of ${node.enum.map(code).join(', ')}`;
  if (node.anyOf || node.oneOf) return (node.anyOf ?? node.oneOf).map((n) => typeOf(n, owner, common, depth + 1)).join(', or ');
  if (node.type === 'array') return `list of ${node.items ? typeOf(node.items, owner, common, depth + 1) : 'any'}`;
  if (node.type === 'object') return 'mapping';
  if (node.format) return `${node.type ?? 'string'}, ${node.format}`;
  if (node.pattern) return `${node.type ?? 'string'} matching ${code(node.pattern)}`;
  if (node.type === 'number' || node.type === 'integer') {
    const range = [node.minimum !== undefined ? `≥ ${node.minimum}` : '', node.maximum !== undefined ? `≤ ${node.maximum}` : ''].filter(Boolean).join(', ');
    return range ? `${node.type}, ${range}` : node.type;
  }
  return node.type ?? 'any';
}

/** The mapping a field holds, directly, through a list, or through a reference, with the schema it is in. */
function fieldsOf(node, owner, common) {
  if (node.$ref) {
    const { node: target, owner: inner } = resolve(node.$ref, owner, common);
    return fieldsOf(target, inner, common);
  }
  if (node.type === 'array' && node.items) return fieldsOf(node.items, owner, common);
  const variants = node.anyOf ?? node.oneOf;
  if (variants) return variants.map((v) => fieldsOf(v, owner, common)).find(Boolean);
  return node.properties ? { node, owner } : undefined;
}

function isList(node, owner, common) {
  if (node.$ref) {
    const { node: target, owner: inner } = resolve(node.$ref, owner, common);
    return isList(target, inner, common);
  }
  return node.type === 'array';
}

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/**
 * One row per field, nested fields after their parent as `parent.child` (`list[].child` in a list).
 * A mapping that contains itself (a section's sections) is described once, where it first appears.
 */
function rows(node, owner, common, prefix, missing, kind, open = []) {
  const out = [];
  const required = new Set(node.required ?? []);
  for (const [key, field] of Object.entries(node.properties ?? {})) {
    if (key === '$schema') continue;
    const name = `${prefix}${key}`;
    // A field that only names a shared definition is described by it.
    const description = field.description ?? (field.$ref ? (resolve(field.$ref, owner, common).node.description ?? '') : '');
    if (!description.trim()) missing.push(`${kind}: ${name}`);
    const inner = fieldsOf(field, owner, common);
    const list = isList(field, owner, common);
    const again = inner && open.find((o) => o.node === inner.node);
    const extra = [field.default !== undefined ? `Default: ${code(field.default)}.` : '', again ? `Each entry has the fields of \`${again.name}\`.` : ''].filter(Boolean).join(' ');
    out.push(`| \`${name}\` | ${cell(typeOf(field, owner, common))} | ${required.has(key) ? 'yes' : ''} | ${cell([description, extra].filter(Boolean).join(' '))} |`);
    if (inner && !again) out.push(...rows(inner.node, inner.owner, common, `${name}${list ? '[]' : ''}.`, missing, kind, [...open, { node: inner.node, name: `${name}${list ? '[]' : ''}` }]));
  }
  return out;
}

/** The reference as Markdown, and every field that has no description. */
export function formatReference() {
  const common = read('common');
  const missing = [];
  const parts = [
    '# Source format reference',
    '',
    '<!-- Generated by scripts/format-reference.mjs from schemas/*.schema.json. Do not edit; run `node scripts/format-reference.mjs`. -->',
    '',
    'Every field of every kind of source file, from the descriptions in `schemas/`, which are also what an editor shows when a YAML file names its schema. Fields marked **yes** are required. Nested fields are written `parent.child`; `list[].field` is a field of each entry of a list. The README explains how the files fit together, sessions that run past midnight, unknown times and the format\'s limits.',
    '',
  ];
  const shared = Object.entries(common.$defs).filter(([, def]) => def.description && !def.properties && def.type !== 'object' && (def.type || def.anyOf || def.oneOf || def.enum || def.pattern));
  parts.push('## Shared types', '', 'Types that many fields share, defined in `schemas/common.schema.json`.', '', '| Type | Is | Description |', '| --- | --- | --- |');
  for (const [name, def] of shared) parts.push(`| \`${name}\` | ${cell(typeOf(def, common, common))} | ${cell(def.description)} |`);
  parts.push('');
  for (const name of schemaNames()) {
    const schema = read(name);
    parts.push(`## ${schema.title ?? name}`, '', `File: ${PLACES[name] ?? `a file validated by \`schemas/${name}.schema.json\``}. Schema: \`schemas/${name}.schema.json\`.`, '');
    if (schema.description) parts.push(schema.description, '');
    else missing.push(`${name}: (the schema itself)`);
    parts.push('| Field | Type | Required | Description |', '| --- | --- | --- | --- |', ...rows(schema, schema, common, '', missing, name, [{ node: schema, name }]), '');
  }
  return { markdown: `${parts.join('\n').trimEnd()}\n`, missing };
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const { markdown, missing } = formatReference();
  writeFileSync(OUTPUT, markdown);
  console.log(`wrote ${OUTPUT.pathname}`);
  if (missing.length > 0) {
    console.error(`Fields without a description (add one in schemas/):\n  ${missing.join('\n  ')}`);
    process.exitCode = 1;
  }
}
