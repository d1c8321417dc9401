import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { SOURCE_KINDS, type Source, type SourceKind } from '../load/load.js';
import type { ParsedYaml } from '../load/yaml.js';
import type { DataSource, Meeting, Paper, Person, Session, WorkingGroupSheet } from '../model/pack.js';
import { locate, pointerSegments } from './locate.js';
import { DATA_KINDS, RULE_KEYWORD, validator, type DataKind, type ErrorObject, type SchemaName } from './schemas.js';

/** A validated value with the source it came from, for positions in later diagnostics. */
export interface Located<T> {
  value: T;
  source: Source & { yaml: ParsedYaml };
}

export interface Validated {
  meeting?: Located<Meeting>;
  sessions: Located<Session>[];
  papers: Located<Paper>[];
  workingGroups: Located<WorkingGroupSheet>[];
  people: Located<Person>[];
  data: Located<DataSource>[];
  /**
   * Ids of sources that exist but failed to load or validate, by kind, so references to them
   * are not reported a second time as unknown. A file whose id cannot be read counts by its name.
   */
  rejected: Record<NonNullable<(typeof SOURCE_KINDS)[SourceKind]['ids']>, Set<string>>;
}

/** Where each kind's valid sources go. */
const LISTS: Record<Exclude<SourceKind, 'meeting'>, 'sessions' | 'papers' | 'workingGroups' | 'people' | 'data'> = {
  session: 'sessions',
  paper: 'papers',
  'working-group': 'workingGroups',
  person: 'people',
  data: 'data',
};

/** Checks each source against its JSON Schema; only valid sources reach the model. */
export function validateSources(sources: readonly Source[]): { validated: Validated; diagnostics: Diagnostic[] } {
  const rejected: Validated['rejected'] = { session: new Set(), document: new Set(), person: new Set(), data: new Set() };
  const validated: Validated = { sessions: [], papers: [], workingGroups: [], people: [], data: [], rejected };
  const diagnostics: Diagnostic[] = [];
  const reject = (source: Source) => {
    const ids = SOURCE_KINDS[source.kind].ids;
    if (!ids) return;
    const id = (source.yaml?.value as { id?: unknown } | null | undefined)?.id;
    rejected[ids].add(typeof id === 'string' ? id : source.path.replace(/^.*\//, '').replace(/\.[^.]+$/, ''));
  };

  for (const source of sources) {
    const yaml = source.yaml;
    if (!yaml || yaml.value === undefined) {
      reject(source);
      continue;
    }
    const located = { value: yaml.value, source: { ...source, yaml } };

    let schema: SchemaName;
    if (source.kind === 'data') {
      const mapping = typeof yaml.value === 'object' && yaml.value !== null && !Array.isArray(yaml.value);
      const kind = mapping ? (yaml.value as { kind?: unknown }).kind : undefined;
      if (!DATA_KINDS.includes(kind as DataKind)) {
        const problem = !mapping ? 'A data file must be a mapping of fields' : kind === undefined ? 'Missing `kind`' : `Unknown data kind ${quote(kind)}`;
        diagnostics.push(
          diagnostic({
            file: source.file,
            span: locate(yaml, kind === undefined ? [] : ['kind']),
            rule: 'schema',
            message: `${problem}: a data file starts with \`kind:\` set to one of ${DATA_KINDS.join(', ')}.`,
          }),
        );
        reject(source);
        continue;
      }
      schema = kind as DataKind;
    } else {
      schema = SOURCE_KINDS[source.kind].schema;
    }

    const validate = validator(schema);
    if (!validate(yaml.value)) {
      diagnostics.push(...schemaDiagnostics(source.file, yaml, validate.errors ?? [], schema));
      reject(source);
      continue;
    }
    if (source.kind !== 'meeting') {
      (validated[LISTS[source.kind]] as Located<unknown>[]).push(located);
    } else if (validated.meeting) {
      diagnostics.push(diagnostic({ file: source.file, rule: 'duplicate-id', message: `A second meeting file: ${validated.meeting.source.file} already describes the meeting. Keep one.` }));
    } else {
      validated.meeting = located as Located<Meeting>;
    }
  }
  return { validated, diagnostics };
}

/** Turns ajv errors into diagnostics at the offending YAML node, dropping errors that only repeat others. */
export function schemaDiagnostics(file: string, yaml: ParsedYaml, errors: readonly ErrorObject[], schema: SchemaName): Diagnostic[] {
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const relevant = errors.filter(
    (e) =>
      e.keyword !== 'if' &&
      !combinators.some((c) => c !== e && c.instancePath === e.instancePath && e.schemaPath.startsWith(c.schemaPath.replace(/\/(anyOf|oneOf)$/, '/'))),
  );
  const seen = new Set<string>();
  return relevant.flatMap((error) => {
    // Shared rule fragments repeat the root's type check; one message per place and keyword.
    const key = `${error.instancePath} ${error.keyword} ${JSON.stringify(error.params)}`;
    if (seen.has(key)) return [];
    seen.add(key);
    // A repeated entry is reported at the repeat, not at the list.
    const repeat = error.keyword === 'uniqueItems' ? [String(Math.max(Number(error.params.i), Number(error.params.j)))] : [];
    const segments = [...pointerSegments(error.instancePath), ...repeat];
    const property = error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : error.keyword === 'dependentRequired' ? String(error.params.property) : undefined;
    return [diagnostic({ file, span: locate(yaml, segments, property), rule: ruleOf(error), message: schemaMessage(error, segments, schema) })];
  });
}

/** The rule a schema requirement belongs to: its `x-rule`, or `schema`. */
function ruleOf(error: ErrorObject): string {
  const rule = (error.parentSchema as Record<string, unknown> | undefined)?.[RULE_KEYWORD];
  return typeof rule === 'string' ? rule : 'schema';
}

function fieldName(segments: readonly string[]): string {
  return segments.reduce((name, s) => (/^\d+$/.test(s) ? `${name}[${s}]` : name ? `${name}.${s}` : s), '');
}

function schemaMessage(error: ErrorObject, segments: readonly string[], schema: SchemaName): string {
  const field = fieldName(segments);
  const at = field ? ` in \`${field}\`` : '';
  const subject = field ? `\`${field}\`` : 'The document';
  const described = (error.parentSchema as { description?: string } | undefined)?.description;
  const hint = described ? ` ${described}` : '';
  const value = quote(error.data);
  switch (error.keyword) {
    case 'required':
      // A requirement with its own rule explains itself; a plain missing field needs no more.
      return `Missing required field \`${String(error.params.missingProperty)}\`${at} (${schema} schema).${ruleOf(error) !== 'schema' ? hint : ''}`;
    case 'dependentRequired': {
      const needed = String(error.params.missingProperty);
      return `\`${String(error.params.property)}\`${at} needs \`${needed}\`: add \`${needed}\` or remove \`${String(error.params.property)}\` (${schema} schema).`;
    }
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}).filter((k) => k !== '$schema');
      return `Unknown field \`${String(error.params.additionalProperty)}\`${at}. Allowed fields: ${allowed.join(', ')}.`;
    }
    case 'enum':
      return `\`${field}\` is ${value}; it must be one of: ${(error.params.allowedValues as unknown[]).map(String).join(', ')}.`;
    case 'const':
      return `\`${field}\` is ${value}; it must be ${JSON.stringify(error.params.allowedValue)}.`;
    case 'uniqueItems':
      return `${subject} repeats \`${fieldName([...segments.slice(0, -1), String(Math.min(Number(error.params.i), Number(error.params.j)))])}\`: list each entry once. Remove this one.`;
    case 'type':
      return `${subject} must be ${articleFor(String(error.params.type))}, not ${describe(error.data)}.`;
    case 'pattern':
    case 'format':
    case 'anyOf':
    case 'oneOf':
      return `\`${field}\` is ${value}, which is not valid here.${hint}`;
    case 'not':
      return `${subject} has a field that is not allowed in this combination.${hint}`;
    default:
      return `${subject} ${error.message ?? 'is not valid'}.${hint}`;
  }
}

/** A value as messages show it: JSON, cut short so that a huge value cannot flood the report. */
function quote(value: unknown, limit = 60): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > limit ? `${json.slice(0, limit - 1)}…` : json;
}

function articleFor(type: string): string {
  return type === 'object' ? 'a mapping of fields' : type === 'array' ? 'a list' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(data: unknown): string {
  if (data === null) return 'empty';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  return `${typeof data} ${quote(data)}`;
}
