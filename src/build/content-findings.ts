/**
 * What `check` finds in a pack that `build` has read, as a build reports it: the rules run on the
 * pack already read, and every error they report (as check.yaml configures them) refuses the
 * build; under `--final`, what must not be circulated (papers to follow, init's text,
 * placeholders) is an error too. A build's log may be public (CI), so a finding in or about a
 * withheld paper (its file, id, title or canary) is counted, never shown; so is a reading,
 * validation or resolution message that names one, e.g. "Did you mean <its id>?".
 */
import { checkPack } from '../check/run.js';
import { diagnostic, severityOf, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceTree } from '../io/source-tree.js';
import type { PackResult } from '../pipeline.js';
import type { Validated } from '../validate/validate.js';

export interface ContentFindings {
  /** The pipeline's own diagnostics (reading, validation, resolution), less those in or about withheld papers. */
  stages: Diagnostic[];
  /** Errors that stop the build. */
  refused: Diagnostic[];
  /** Everything else the rules found, for the report. */
  shown: Diagnostic[];
  /** How many errors and warnings were left out because they are in or about withheld papers. */
  withheld: number;
}

/** `errorsOnly`: run only the rules that can stop the build, for a build that shows no other finding (watch). */
export async function contentFindings(tree: SourceTree, read: PackResult, { final, errorsOnly = false }: { final: boolean; errorsOnly?: boolean }): Promise<ContentFindings> {
  const all = await checkPack(tree, read, { final, errorsOnly });
  const aboutWithheld = mentionsWithheld(read.validated);
  const refusing = (d: Diagnostic) => severityOf(d) === 'error';
  // A pipeline message may name a withheld paper too, e.g. "Did you mean <its id>?".
  const stages = read.diagnostics.filter((d) => !aboutWithheld(d));
  const hiddenStages = read.diagnostics.filter(aboutWithheld);
  const visible = all.filter((d) => !aboutWithheld(d));
  const refused = visible.filter(refusing);
  const hiddenRefused = [...all, ...hiddenStages].filter((d) => aboutWithheld(d) && refusing(d)).length;
  if (hiddenRefused > 0) {
    refused.push(
      diagnostic({
        file: read.validated.meeting?.source.file ?? 'meeting.yaml',
        rule: 'withheld-findings',
        message: `The build is refused by ${hiddenRefused} more ${hiddenRefused === 1 ? 'error' : 'errors'} in or about withheld papers, which a build's log does not show, since it may be public. \`ogp-pack check${final ? ' --final' : ''}\` lists them.`,
      }),
    );
  }
  const hidden = [...all, ...hiddenStages].filter((d) => aboutWithheld(d) && severityOf(d) !== 'info').length;
  return { stages, refused, shown: visible.filter((d) => !refusing(d)), withheld: hidden };
}

/** Whether a finding is in a withheld document's file, or names one (its file, id, restricted title or canary). */
function mentionsWithheld(validated: Validated): (d: Diagnostic) => boolean {
  const withheld = [...validated.papers, ...validated.workingGroups].filter((w) => w.value.status === 'withheld');
  const files = new Set(withheld.map((w) => w.source.file));
  const names = withheld
    .flatMap((w) => {
      // The title the pack lists publicly (the public title, else the title) is no secret, nor an id it spells.
      const listed = (w.value.public_title ?? w.value.title).toLowerCase();
      const id = listed.includes(w.value.id.toLowerCase()) ? [] : [w.value.id];
      return [w.source.path, ...id, ...(w.value.public_title !== undefined ? [w.value.title] : []), ...[w.value.canary ?? []].flat()];
    })
    .filter((t): t is string => typeof t === 'string' && t.length > 0)
    .map((t) => t.toLowerCase());
  return (d) => files.has(d.file ?? '') || names.some((name) => d.reason.toLowerCase().includes(name));
}
