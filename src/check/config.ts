import { closest, distance } from 'fastest-levenshtein';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { diagnostic, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import { RUN_WORDS, type AllowedPhrase } from '../editions/leaks.js';
import { words } from '../editions/leaks/words.js';
import type { SourceTree } from '../io/source-tree.js';
import { readTextSource } from '../load/decode.js';
import { parseYaml, type ParsedYaml } from '../load/yaml.js';
import type { Rule } from './rule.js';

/** The check configuration file in the content directory. */
export const CHECK_CONFIG = 'check.yaml';

export type Setting = 'off' | 'warn' | 'error';
const SETTINGS: readonly Setting[] = ['off', 'warn', 'error'];

export function severityOfSetting(setting: Exclude<Setting, 'off'>): Severity {
  return setting === 'warn' ? 'warning' : 'error';
}

/** Why a rule cannot take a setting, or undefined when it can. */
export function settingProblem(rules: ReadonlyMap<string, Rule>, id: string, setting: string): string | undefined {
  const rule = rules.get(id);
  if (!rule) {
    const best = closest(id, [...rules.keys()]);
    const hint = distance(id, best) <= Math.max(2, Math.floor(id.length / 3)) ? ` Did you mean "${best}"?` : '';
    return `Unknown rule "${id}".${hint} See \`ogp-pack check --list-rules\`.`;
  }
  if (!SETTINGS.includes(setting as Setting)) return `Rule "${id}" is set to "${setting}"; use off, warn or error.`;
  if (rule.configurable === false) return `Rule "${id}" cannot be configured: the pack cannot be built while it fails.`;
  return undefined;
}

/** Parses `--rule id=off|warn|error`. */
export function parseRuleOption(value: string): { id: string; setting: string } | undefined {
  const match = /^([a-z0-9-]+)=([a-z]+)$/.exec(value.trim());
  return match ? { id: match[1]!, setting: match[2]! } : undefined;
}

/** `check.yaml` as read once for `check` and `build`: its YAML, and why it could not be read or parsed. */
export interface CheckFile {
  /** Its path as reported, e.g. `content/check.yaml`. */
  file: string;
  /** Absent when the file could not be read (too large, not UTF-8). */
  yaml?: ParsedYaml;
  diagnostics: Diagnostic[];
}

/** Reads and parses `check.yaml`, held to the limits of every source; undefined when the pack has none. */
export async function readCheckFile(tree: SourceTree): Promise<CheckFile | undefined> {
  if (!(await tree.list()).includes(CHECK_CONFIG)) return undefined;
  const file = tree.label === '.' || tree.label === '' ? CHECK_CONFIG : `${tree.label}/${CHECK_CONFIG}`;
  const read = await readTextSource(tree, CHECK_CONFIG, file);
  if ('diagnostic' in read) return { file, diagnostics: [read.diagnostic] };
  return { file, ...parseYaml(file, read.text) };
}

/**
 * The rule settings of `check.yaml`:
 *
 * ```yaml
 * rules:
 *   spelling: warn
 *   acronyms: off
 * ```
 *
 * with the problems of reading and parsing it. `withheld_text` (the allow-list of shared
 * boilerplate) is read by `allowListOf`.
 */
export function settingsOf(checkFile: CheckFile | undefined, rules: ReadonlyMap<string, Rule>): { settings: Map<string, Setting>; diagnostics: Diagnostic[] } {
  const settings = new Map<string, Setting>();
  if (!checkFile?.yaml) return { settings, diagnostics: [...(checkFile?.diagnostics ?? [])] };
  const { file, yaml } = checkFile;
  const diagnostics = [...checkFile.diagnostics];
  const problem = (span: ReturnType<typeof yaml.positions.span> | undefined, message: string) => diagnostics.push(diagnostic({ file, span, rule: 'check-config', message }));
  const root = yaml.document.contents;
  if (yaml.value === undefined || yaml.value === null) return { settings, diagnostics };
  if (!isMap(root)) {
    problem(undefined, 'check.yaml must be a mapping with a `rules` mapping of rule ids to off, warn or error.');
    return { settings, diagnostics };
  }
  for (const pair of root.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const keySpan = pair.key.range ? yaml.positions.span(pair.key.range[0], pair.key.range[1]) : undefined;
    if (pair.key.value === WITHHELD_TEXT) continue;
    if (pair.key.value !== 'rules') {
      problem(keySpan, `Unknown field \`${String(pair.key.value)}\` in check.yaml; the fields are \`rules\` and \`${WITHHELD_TEXT}\`.`);
      continue;
    }
    if (!isMap(pair.value)) {
      problem(keySpan, '`rules` must be a mapping of rule ids to off, warn or error.');
      continue;
    }
    for (const rule of pair.value.items) {
      if (!isPair(rule) || !isScalar(rule.key)) continue;
      const id = String(rule.key.value);
      const setting = isScalar(rule.value) ? String(rule.value.value) : '';
      const at = rule.key.range ? yaml.positions.span(rule.key.range[0], rule.key.range[1]) : undefined;
      const why = settingProblem(rules, id, setting);
      if (why) problem(at, why);
      else settings.set(id, setting as Setting);
    }
  }
  return { settings, diagnostics };
}

const WITHHELD_TEXT = 'withheld_text';

/**
 * Reads the allow-list of boilerplate that public and withheld papers may share, from
 * `check.yaml`:
 *
 * ```yaml
 * withheld_text:
 *   allow:
 *     - phrase: The Steering Committee is invited to note this paper.
 *       reason: The closing line of every paper for noting.
 * ```
 *
 * Each entry needs a phrase of at least `RUN_WORDS` words and a reason; any other entry is an
 * error at its line and is not used. `build` reads it too, so the two agree on what is secret.
 */
export function allowListOf(checkFile: CheckFile | undefined): { allowed: AllowedPhrase[]; diagnostics: Diagnostic[] } {
  const allowed: AllowedPhrase[] = [];
  if (!checkFile?.yaml) return { allowed, diagnostics: [] };
  const { file, yaml } = checkFile;
  const diagnostics: Diagnostic[] = [];
  const spanOf = (node: { range?: [number, number, number] | null } | null | undefined) => (node?.range ? yaml.positions.span(node.range[0], node.range[1]) : undefined);
  const problem = (node: Parameters<typeof spanOf>[0], message: string) => diagnostics.push(diagnostic({ file, span: spanOf(node), rule: 'check-config', message }));
  const root = yaml.document.contents;
  if (!isMap(root)) return { allowed, diagnostics };
  const section = root.items.find((pair) => isScalar(pair.key) && pair.key.value === WITHHELD_TEXT);
  if (!section) return { allowed, diagnostics };
  const allow = isMap(section.value) ? section.value.items.find((pair) => isScalar(pair.key) && pair.key.value === 'allow') : undefined;
  if (!isMap(section.value) || section.value.items.length !== 1 || !allow) {
    problem(section.key as never, '`withheld_text` must be a mapping with one field, `allow`: a list of `{phrase, reason}` entries.');
    return { allowed, diagnostics };
  }
  if (!isSeq(allow.value)) {
    problem(allow.key as never, '`allow` must be a list of entries, each `{phrase: …, reason: …}`.');
    return { allowed, diagnostics };
  }
  for (const entry of allow.value.items) {
    const field = (name: string) => (isMap(entry) ? entry.items.find((pair) => isScalar(pair.key) && pair.key.value === name) : undefined);
    const value = (name: string) => {
      const pair = field(name);
      return pair && isScalar(pair.value) && typeof pair.value.value === 'string' ? pair.value.value.trim() : '';
    };
    const unknown = isMap(entry) ? entry.items.find((pair) => !isScalar(pair.key) || !['phrase', 'reason'].includes(String(pair.key.value))) : undefined;
    if (!isMap(entry) || unknown) {
      problem((unknown?.key ?? entry) as never, 'Each allowed entry is a mapping of `phrase` (the shared text) and `reason` (why it may be public).');
      continue;
    }
    const phrase = value('phrase');
    const reason = value('reason');
    if (!phrase || !reason) {
      problem(entry as never, !phrase ? 'This entry has no `phrase`: give the shared text the public and withheld papers may both print.' : 'This entry has no `reason`: say why this phrase may be public, so that the allowance can be reviewed.');
      continue;
    }
    // A shorter phrase cuts every withheld run it occurs in: `the` alone would let any sentence through.
    if (words(phrase).length < RUN_WORDS) {
      problem(field('phrase')!.value as never, `This phrase has ${words(phrase).length} words; an allowed phrase needs at least ${RUN_WORDS}, the shortest run the build refuses, since a shorter one would cut withheld sentences into pieces it lets through. Allow the whole shared sentence.`);
      continue;
    }
    const at = spanOf(field('phrase')!.value as never)?.start ?? { line: 1, column: 1 };
    allowed.push({ phrase, reason, file, line: at.line, column: at.column });
  }
  return { allowed, diagnostics };
}
