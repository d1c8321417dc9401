import { parseRuleOption, settingProblem, type Setting } from './config.js';
import { RULES } from './registry.js';

/** The `--rule id=setting` options as settings, or what is wrong with one of them. */
export function ruleSettings(options: readonly string[]): Map<string, Setting> | string {
  const rules = new Map(RULES.map((rule) => [rule.id, rule]));
  const settings = new Map<string, Setting>();
  for (const option of options) {
    const parsed = parseRuleOption(option);
    if (!parsed) return `--rule takes id=off|warn|error, e.g. --rule spelling=off; got "${option}".`;
    const problem = settingProblem(rules, parsed.id, parsed.setting);
    if (problem) return `--rule ${option}: ${problem}`;
    settings.set(parsed.id, parsed.setting as Setting);
  }
  return settings;
}

/** Every rule: id, default severity (or "fixed" when it cannot be configured) and its documentation. */
export function listRules(): string {
  return RULES.map((rule) => `${rule.id}  ${rule.severity}${rule.configurable === false ? ' (fixed)' : ''}\n  ${rule.doc}\n`).join('\n');
}
