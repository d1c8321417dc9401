import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Source, SourceKind } from '../load/load.js';
import type { ParsedYaml } from '../load/yaml.js';
import type { DataSource, Meeting, Paper, Person, Session, WorkingGroupSheet } from '../model/pack.js';
import { locate, pointerSegments } from './locate.js';
import { DATA_KINDS, validator, type DataKind, type ErrorObject, type SchemaName } from './schemas.js';

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
  rejected: Record<'session' | 'document' | 'person' | 'data', Set<string>>;
}

type ListKey = 'sessions' | 'papers' | 'workingGroups' | 'people' | 'data';

/** Per source kind: its schema (data files name theirs in `kind`), its list, and its id space. */
const KINDS: Record<Exclude<SourceKind, 'meeting'>, { schema?: SchemaName; list: ListKey; ids: keyof Validated['rejected'] }> = {
  session: { schema: 'session', list: 'sessions', ids: 'session' },
  paper: { schema: 'paper', list: 'papers', ids: 'document' },
  'working-group': { schema: 'working-group', list: 'workingGroups', ids: 'document' },
  person: { schema: 'person', list: 'people', ids: 'person' },
  data: { list: 'data', ids: 'data' },
};

/** Checks each source against its JSON Schema; only valid sources reach the model. */
export function validateSources(sources: readonly Source[]): { validated: Validated; diagnostics: Diagnostic[] } {
  const rejected: Validated['rejected'] = { session: new Set(), document: new Set(), person: new Set(), data: new Set() };
  const validated: Validated = { sessions: [], papers: [], workingGroups: [], people: [], data: [], rejected };
  const diagnostics: Diagnostic[] = [];
  const reject = (source: Source) => {
    if (source.kind === 'meeting') return;
    const id = (source.yaml?.value as { id?: unknown } | null | undefined)?.id;
    rejected[KINDS[source.kind].ids].add(typeof id === 'string' ? id : source.path.replace(/^.*\//, '').replace(/\.[^.]+$/, ''));
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
      const kind = (yaml.value as { kind?: unknown } | null)?.kind;
      if (!DATA_KINDS.includes(kind as DataKind)) {
        diagnostics.push(
          diagnostic({
            file: source.file,
            span: locate(yaml, kind === undefined ? [] : ['kind']),
            rule: 'schema',
            message: `${kind === undefined ? 'Missing `kind`' : `Unknown data kind ${JSON.stringify(kind)}`}: a data file starts with \`kind:\` set to one of ${DATA_KINDS.join(', ')}.`,
          }),
        );
        reject(source);
        continue;
      }
      schema = kind as DataKind;
    } else {
      schema = source.kind === 'meeting' ? 'meeting' : KINDS[source.kind].schema!;
    }

    const validate = validator(schema);
    if (!validate(yaml.value)) {
      diagnostics.push(...schemaDiagnostics(source.file, yaml, validate.errors ?? [], schema));
      reject(source);
      continue;
    }
    if (source.kind !== 'meeting') {
      (validated[KINDS[source.kind].list] as Located<unknown>[]).push(located);
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
  return relevant.map((error) => {
    const segments = pointerSegments(error.instancePath);
    const key = error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : undefined;
    return diagnostic({ file, span: locate(yaml, segments, key), rule: 'schema', message: schemaMessage(error, segments, schema) });
  });
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
  const value = JSON.stringify(error.data);
  switch (error.keyword) {
    case 'required':
      return `Missing required field \`${String(error.params.missingProperty)}\`${at} (${schema} schema).`;
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}).filter((k) => k !== '$schema');
      return `Unknown field \`${String(error.params.additionalProperty)}\`${at}. Allowed fields: ${allowed.join(', ')}.`;
    }
    case 'enum':
      return `\`${field}\` is ${value}; it must be one of: ${(error.params.allowedValues as unknown[]).map(String).join(', ')}.`;
    case 'const':
      return `\`${field}\` is ${value}; it must be ${JSON.stringify(error.params.allowedValue)}.`;
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

function articleFor(type: string): string {
  return type === 'object' ? 'a mapping of fields' : type === 'array' ? 'a list' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(data: unknown): string {
  if (data === null) return 'empty';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  return `${typeof data} ${JSON.stringify(data)}`;
}
