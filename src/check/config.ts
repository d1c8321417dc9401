import { closest, distance } from 'fastest-levenshtein';
import { isMap, isPair, isScalar } from 'yaml';
import { diagnostic, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import type { SourceTree } from '../io/source-tree.js';
import { readTextSource } from '../load/decode.js';
import { parseYaml } from '../load/yaml.js';
import type { Rule } from './rule.js';

/** The check configuration file in the content directory. */
export const CHECK_CONFIG = 'check.yaml';

export type Setting = 'off' | 'warn' | 'error';
export const SETTINGS: readonly Setting[] = ['off', 'warn', 'error'];

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

/**
 * Reads `check.yaml`:
 *
 * ```yaml
 * rules:
 *   spelling: warn
 *   acronyms: off
 * ```
 */
export async function readCheckConfig(tree: SourceTree, file: string, rules: ReadonlyMap<string, Rule>): Promise<{ settings: Map<string, Setting>; diagnostics: Diagnostic[] }> {
  const settings = new Map<string, Setting>();
  if (!(await tree.list()).includes(CHECK_CONFIG)) return { settings, diagnostics: [] };
  const read = await readTextSource(tree, CHECK_CONFIG, file);
  if ('diagnostic' in read) return { settings, diagnostics: [read.diagnostic] };
  const { yaml, diagnostics } = parseYaml(file, read.text);
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
    if (pair.key.value !== 'rules') {
      problem(keySpan, `Unknown field \`${String(pair.key.value)}\` in check.yaml; the only field is \`rules\`.`);
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
