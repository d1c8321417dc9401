import { byCodePoint, diagnostic, setSeverity, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import type { SourceTree } from '../io/source-tree.js';
import type { Source } from '../load/load.js';
import { loadLayout, PACK_LAYOUT, type PackLayoutFile } from '../plan/template.js';
import { readPack, type PackResult } from '../pipeline.js';
import { settingsOf, severityOfSetting, type Setting } from './config.js';
import { FINAL_RULES, RULES } from './registry.js';
import type { CheckContext, Rule } from './rule.js';
import { FileText, markdownProse, yamlProse, type Prose } from './text.js';
import { readWordList, WORD_LIST } from './words.js';

export interface CheckOptions {
  /** `--final`: placeholders become errors. */
  final?: boolean;
  /** Settings from the command line; they override check.yaml. */
  settings?: ReadonlyMap<string, Setting>;
  /** The rules to run; all of them unless a test narrows it. */
  rules?: readonly Rule[];
  /** The pack's own layout (`--layout FILE`); else the content directory's `layout.yaml`, when there is one. */
  layout?: PackLayoutFile;
  /** Run only the rules that can report an error as configured: what `build` needs, since a rule that can only warn cannot stop it. */
  errorsOnly?: boolean;
}

/** load → validate → resolve, then every rule; each diagnostic at the severity its rule is configured to. */
export async function runCheck(tree: SourceTree, options: CheckOptions = {}): Promise<Diagnostic[]> {
  const read = await readPack(tree);
  // The pack's layout is checked as build reads it, so that its errors show at their lines before a build.
  const layout = await loadLayout(undefined, { language: read.validated.meeting?.value.language, pack: options.layout ?? { tree, file: PACK_LAYOUT } });
  return checkPack(tree, read, options, [...read.diagnostics, ...layout.diagnostics]);
}

/**
 * The rules over a pack already read, with `check.yaml`'s and the word list's diagnostics and
 * `stages` (what reading it reported), each at its configured severity. `check` and `build` share
 * it, so that every error `check` reports stops `build` with the same rule id and position;
 * `build` passes no stages: it reports those itself.
 */
export async function checkPack(tree: SourceTree, read: PackResult, options: CheckOptions = {}, stages: readonly Diagnostic[] = []): Promise<Diagnostic[]> {
  const rules = options.rules ?? RULES;
  const byId = new Map(RULES.map((rule) => [rule.id, rule]));
  const display = (p: string) => (tree.label === '.' || tree.label === '' ? p : `${tree.label}/${p}`);

  const { pack, sources, validated, resolved } = read;
  const config = settingsOf(read.checkFile, byId);
  const settings = new Map([...config.settings, ...(options.settings ?? [])]);
  const canError = (rule: Rule) => (settings.get(rule.id) ?? (rule.severity === 'error' ? 'error' : 'warn')) === 'error';

  const words = await readWordList(tree, display(WORD_LIST));
  const context = checkContext(
    sources,
    { validated, pack, final: options.final ?? false, words: words.list },
    // Reading order follows the agendas even when an error elsewhere keeps the pack from being built.
    resolved,
  );
  // Under --final, what must not be circulated stays an error whatever check.yaml or --rule say.
  const enforced = options.final ? FINAL_RULES : new Set<string>();
  const findings: Diagnostic[] = [];
  for (const rule of rules) {
    if (!rule.check || (settings.get(rule.id) === 'off' && !enforced.has(rule.id))) continue;
    if (options.errorsOnly && !canError(rule) && !enforced.has(rule.id)) continue;
    for (const finding of await rule.check(context)) {
      findings.push(diagnostic({ file: finding.file, span: finding.span, rule: rule.id, severity: finding.severity ?? rule.severity, message: finding.message }));
    }
  }

  const narrowed = new Set(rules.map((rule) => rule.id));
  const stageFindings = stages.filter((d) => options.rules === undefined || narrowed.has(d.ruleId ?? ''));
  return [...stageFindings, ...config.diagnostics, ...words.diagnostics, ...findings].flatMap((d) => {
    if (enforced.has(d.ruleId ?? '')) return [configured(d, 'error')];
    const setting = settings.get(d.ruleId ?? '');
    if (setting === 'off') return [];
    return setting ? [configured(d, severityOfSetting(setting))] : [d];
  });
}

/** A copy at `severity`: the pipeline's diagnostics may be kept between builds (watch's cache) and configured differently next time. */
function configured(d: Diagnostic, severity: Severity): Diagnostic {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(d) as object) as Diagnostic, d);
  setSeverity(copy, severity);
  return copy;
}

function checkContext(sources: readonly Source[], parts: Omit<CheckContext, 'sources' | 'prose' | 'fileText'>, order: CheckContext['pack']): CheckContext {
  const texts = new Map<Source, FileText>();
  const fileText = (source: Source) => {
    let text = texts.get(source);
    if (!text) texts.set(source, (text = new FileText(source.text)));
    return text;
  };
  let prose: Prose[] | undefined;
  return {
    ...parts,
    sources,
    fileText,
    prose: () => (prose ??= readingOrder(sources, order).flatMap(sourceProse)),
  };
}

/** The prose of a source: a Markdown body and its front matter, or a YAML file's strings. */
function sourceProse(source: Source): Prose[] {
  if (!source.markdown) return yamlProse(source, 0);
  // Front matter YAML starts after the opening `---` on the file's first line.
  return [...yamlProse(source, 3), ...markdownProse(source, source.markdown)];
}

/**
 * Sources in the order a reader meets them: the meeting, the sessions as the meeting lists them,
 * the documents in pack order, then everything else by file name.
 */
function readingOrder(sources: readonly Source[], pack: CheckContext['pack']): Source[] {
  const rank = new Map<string, number>();
  const files = [
    ...sources.filter((s) => s.kind === 'meeting').map((s) => s.file),
    ...(pack?.sessions ?? []).map((session) => sources.find((s) => s.kind === 'session' && (s.yaml?.value as { id?: string } | undefined)?.id === session.id)?.file),
    ...[...(pack?.papers ?? []), ...(pack?.annex ?? [])].flatMap((id) => {
      const document = pack?.documents.get(id);
      return document ? [document.file, ...(document.people ?? []).flatMap(function people(section): string[] { return [...section.people.map((p) => p.file), ...section.sections.flatMap(people)]; })] : [];
    }),
  ];
  files.forEach((file, i) => file !== undefined && !rank.has(file) && rank.set(file, i));
  const at = (s: Source) => rank.get(s.file) ?? Number.MAX_SAFE_INTEGER;
  return [...sources].sort((a, b) => at(a) - at(b) || byCodePoint(a.file, b.file));
}
