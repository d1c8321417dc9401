/**
 * What `check` finds in a pack that `build` has read, as a build reports it: the rules run on the
 * pack already read; under `--final`, what must not be circulated (papers to follow, init's text,
 * placeholders) is refused. A build's log may be public (CI), so a finding in or about a withheld
 * paper (its file, id, title or canary) is counted, never shown.
 */
import { FINAL_RULES } from '../check/registry.js';
import { checkPack } from '../check/run.js';
import { diagnostic, severityOf, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceTree } from '../io/source-tree.js';
import type { PackResult } from '../pipeline.js';
import type { Validated } from '../validate/validate.js';

export interface ContentFindings {
  /** Errors that stop the build (`--final` only). */
  refused: Diagnostic[];
  /** Everything else the rules found, for the report. */
  shown: Diagnostic[];
  /** How many errors and warnings were left out because they are in or about withheld papers. */
  withheld: number;
}

export async function contentFindings(tree: SourceTree, read: PackResult, final: boolean): Promise<ContentFindings> {
  const all = await checkPack(tree, read, { final });
  const aboutWithheld = mentionsWithheld(read.validated);
  const refusing = (d: Diagnostic) => final && severityOf(d) === 'error' && FINAL_RULES.has(d.ruleId ?? '');
  const visible = all.filter((d) => !aboutWithheld(d));
  const refused = visible.filter(refusing);
  const hiddenRefused = all.filter((d) => aboutWithheld(d) && refusing(d)).length;
  if (hiddenRefused > 0) {
    refused.push(
      diagnostic({
        file: read.validated.meeting?.source.file ?? 'meeting.yaml',
        rule: 'withheld-findings',
        message: `\`--final\` refuses ${hiddenRefused} more ${hiddenRefused === 1 ? 'error' : 'errors'} in or about withheld papers, which a build's log does not show, since it may be public. \`ogp-pack check --final\` lists them.`,
      }),
    );
  }
  const hidden = all.filter((d) => aboutWithheld(d) && severityOf(d) !== 'info').length;
  return { refused, shown: visible.filter((d) => !refusing(d)), withheld: hidden };
}

/** Whether a finding is in a withheld document's file, or names one (its file, id, title or canary). */
function mentionsWithheld(validated: Validated): (d: Diagnostic) => boolean {
  const withheld = [...validated.papers, ...validated.workingGroups].filter((w) => w.value.status === 'withheld');
  const files = new Set(withheld.map((w) => w.source.file));
  const names = withheld
    .flatMap((w) => [w.source.path, w.value.id, w.value.title, ...[w.value.canary ?? []].flat()])
    .filter((t): t is string => typeof t === 'string' && t.length > 0)
    .map((t) => t.toLowerCase());
  return (d) => files.has(d.file ?? '') || names.some((name) => d.reason.toLowerCase().includes(name));
}
