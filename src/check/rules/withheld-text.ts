import type { Point } from '../../diagnostics/diagnostic.js';
import type { Edition } from '../../editions/editions.js';
import { visit } from 'unist-util-visit';
import { allowanceMessage, allowancesUsed, LEAK_RULE, NEAR_RUN_WORDS, ownRight, peopleOf, RUN_WORDS, secretsIn, secretsOf, type Secret } from '../../editions/leaks.js';
import { PhraseIndex, RunIndex, sharedStretches, wordSpans, words } from '../../editions/leaks/words.js';
import type { Source } from '../../load/load.js';
import type { Pack } from '../../model/pack.js';
import { examplePaper as paper } from '../examples.js';
import type { CheckContext, Finding } from '../rule.js';
import type { Rule } from '../rule.js';
import { proseSpan, type Prose } from '../text.js';

/** One word of a source as printed, with the prose run and characters it came from. */
interface SourceWord {
  word: string;
  prose: Prose;
  start: number;
  end: number;
}

/** The words of a source's prose in order, one stream: a run may go on from one table cell or field to the next, as in print. */
function sourceWords(runs: readonly Prose[]): SourceWord[] {
  return runs.flatMap((prose) => wordSpans(prose.text).map(({ word, start, end }) => ({ word, prose, start, end })));
}

/** Files an edition does not print: its withheld documents, and biographies and data only they show. */
function unprintedFiles(pack: Pack, edition: Edition, sources: readonly Source[]): Set<string> {
  const own = ownRight(pack, edition);
  const files = new Set<string>();
  for (const doc of pack.documents.values()) {
    if (edition.carries.has(doc.status)) continue;
    files.add(doc.file);
    for (const person of peopleOf(doc.people ?? [])) if (!own.people.has(person.file)) files.add(person.file);
    for (const node of doc.body.children) {
      const data = node.type === 'leafDirective' && node.name === 'table' ? node.attributes?.data : undefined;
      if (!data || own.data.has(data)) continue;
      const source = sources.find((s) => s.kind === 'data' && (s.yaml?.value as { id?: unknown } | undefined)?.id === data);
      if (source) files.add(source.file);
    }
  }
  return files;
}

function spanOf(context: CheckContext, from: SourceWord, to: SourceWord): { start: Point; end?: Point } {
  const file = context.fileText(from.prose.source);
  const start = proseSpan(from.prose, file, from.start, from.end).start;
  const last = proseSpan(to.prose, file, to.start, to.end);
  return { start, end: last.end ?? last.start };
}

const noun = (secret: Secret) => (secret.kind === 'title' ? 'the restricted title' : secret.kind === 'canary' ? 'the canary' : 'text');

export const withheldText: Rule = {
  id: LEAK_RULE,
  doc: `A public source shares text with a withheld paper that an edition does not carry: ${RUN_WORDS} or more consecutive words of anything it prints (text, headings, table rows, captions, notes, biographies and data only it shows; an error, which the build's leak gate would refuse too), a shorter run of ${NEAR_RUN_WORDS} or more (a warning: a common phrase, or a quote with a word changed), its restricted title (when a \`public_title\` replaces it) or its canary. Words are compared as the gate compares them: case, punctuation, invisible characters and look-alike letters do not hide them. Paraphrase, use the public title, or leave it out. Boilerplate both may print goes in check.yaml under \`withheld_text: allow\`, each phrase with a reason; each allowance the build relies on is reported as information.`,
  severity: 'error',
  configurable: false,
  check(context) {
    const pack = context.pack;
    if (!pack) return [];
    const findings: Finding[] = [];
    const seen = new Set<string>();
    // Editions that withhold alike find the same things; each is reported once.
    const push = (finding: Finding) => {
      const key = `${finding.file}\0${finding.span?.start.line}:${finding.span?.start.column}\0${finding.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push(finding);
    };
    // Each edition that withholds something, once per kind of audience: most packs have one.
    const audiences = new Map<string, Edition>();
    for (const edition of pack.editions) if (!edition.carries.has('withheld')) audiences.set([...edition.carries].sort().join(' '), edition);
    for (const edition of audiences.values()) {
      const secrets = secretsOf(pack, edition);
      const unprinted = unprintedFiles(pack, edition, context.sources);
      const runs = new RunIndex<Secret>(RUN_WORDS);
      const near = new RunIndex<Secret>(NEAR_RUN_WORDS);
      for (const secret of secrets) {
        if (secret.kind !== 'text') continue;
        for (const segment of secret.segments ?? [words(secret.text)]) {
          runs.add(segment, secret);
          near.add(segment, secret);
        }
      }
      const phrases = new PhraseIndex(secrets.filter((s) => s.kind === 'title' || s.kind === 'canary').map((s) => ({ words: words(s.text), value: s })));
      const byFile = new Map<Source, Prose[]>();
      for (const prose of context.prose()) {
        if (unprinted.has(prose.source.file)) continue;
        const runsOfFile = byFile.get(prose.source);
        if (runsOfFile) runsOfFile.push(prose);
        else byFile.set(prose.source, [prose]);
      }
      for (const [source, proseRuns] of byFile) {
        const stream = sourceWords(proseRuns);
        const text = stream.map((w) => w.word);
        const report = (start: number, end: number, message: string, severity: Finding['severity']) => push({ file: source.file, span: spanOf(context, stream[start]!, stream[end - 1]!), message, severity });
        for (const { start, end, value } of phrases.places(text)) report(start, end, `This quotes ${noun(value)} of the withheld paper "${value.paper}", which the ${edition.label} edition does not carry, so the build would refuse it. Use the paper's public title, paraphrase, or leave it out.`, 'error');
        const refused = sharedStretches(runs, text);
        for (const { start, end, value } of refused) report(start, end, `These ${end - start} words in a row are text of the withheld paper "${value.paper}", which the ${edition.label} edition does not carry, so the build would refuse it. Paraphrase or leave it out; boilerplate both papers may print can be allowed in check.yaml (\`withheld_text: allow\`).`, 'error');
        for (const { start, end, value } of sharedStretches(near, text)) {
          if (refused.some((r) => start < r.end && end > r.start)) continue;
          report(start, end, `These ${end - start} words in a row are also in the withheld paper "${value.paper}". Fewer than ${RUN_WORDS}, so the build prints them, but check that this does not quote it (a word changed or left out).`, 'warning');
        }
      }
      // Ids are names: a link target or image file naming a withheld paper would print it as a destination or file name.
      const ids = secrets.filter((s) => s.kind === 'id');
      for (const source of context.sources) {
        if (!source.markdown || unprinted.has(source.file)) continue;
        visit(source.markdown, (node) => {
          if (!('url' in node) || typeof node.url !== 'string' || node.url.startsWith('#') || !node.position) return;
          for (const id of secretsIn(node.url, ids, true)) {
            push({ file: source.file, span: { start: node.position.start, end: node.position.end }, severity: 'error', message: `This link target names the withheld paper "${id.paper}" by its id, which the ${edition.label} edition must not print, so the build would refuse it. Link to something public or leave the link out.` });
          }
        });
      }
      for (const allowance of allowancesUsed(pack, edition)) {
        push({ file: allowance.file, span: { start: { line: allowance.line, column: allowance.column } }, severity: 'info', message: allowanceMessage(edition, allowance) });
      }
    }
    return findings;
  },
  examples: [
    {
      title: 'an agenda item names a paper by its restricted title',
      files: {
        'papers/a.md': paper('a', 'title: Ruritania Trust Agreement\npublic_title: A financing facility\nstatus: withheld\nreason: pre-decision', '\nThe text.\n').replace('title: Paper a\n', ''),
        'sessions/only.yaml': "id: only\ntitle: Working level meeting\nweekday: Monday\ndate: 2015-10-26\nstart: '16:00'\nend: '17:00'\nlocation: Room 1\nitems:\n  - time: '16:00'\n    title: Discuss the Ruritania trust agreement\n    papers: [a]\n",
      },
      messages: ['sessions/only.yaml:10:24-10:49: This quotes the restricted title of the withheld paper "A financing facility", which the Public edition does not carry, so the build would refuse it. Use the paper\'s public title, paraphrase, or leave it out.'],
    },
    {
      title: 'another paper quotes a sentence of it',
      files: {
        'papers/a.md': paper('a', 'status: withheld\nreason: pre-decision', '\nThe treasury will contribute four million dollars before the end of the year.\n'),
        'papers/b.md': paper('b', 'status: included', '\nAs the note says, the treasury will contribute four million dollars before the end of the year.\n'),
        'sessions/only.yaml': "id: only\ntitle: Working level meeting\nweekday: Monday\ndate: 2015-10-26\nstart: '16:00'\nend: '17:00'\nlocation: Room 1\nitems:\n  - time: '16:00'\n    title: Welcome\n    papers: [a, b]\n",
      },
      messages: ['papers/b.md:7:19-7:95: These 13 words in a row are text of the withheld paper "Paper a", which the Public edition does not carry, so the build would refuse it. Paraphrase or leave it out; boilerplate both papers may print can be allowed in check.yaml (`withheld_text: allow`).'],
    },
    {
      title: 'a near quote: a shorter fragment of it',
      severity: 'warning',
      files: {
        'papers/a.md': paper('a', 'status: withheld\nreason: pre-decision', '\nThe treasury will contribute four million dollars before the end of the year.\n'),
        'papers/b.md': paper('b', 'status: included', '\nOur treasury will contribute four million dollars soon.\n'),
        'sessions/only.yaml': "id: only\ntitle: Working level meeting\nweekday: Monday\ndate: 2015-10-26\nstart: '16:00'\nend: '17:00'\nlocation: Room 1\nitems:\n  - time: '16:00'\n    title: Welcome\n    papers: [a, b]\n",
      },
      messages: ['papers/b.md:7:5-7:50: These 6 words in a row are also in the withheld paper "Paper a". Fewer than 7, so the build prints them, but check that this does not quote it (a word changed or left out).'],
    },
    {
      title: 'another withheld paper shares a sentence with it',
      files: {
        'papers/a.md': paper('a', 'status: withheld\nreason: pre-decision', '\nThe treasury will contribute four million dollars before the end of the year.\n'),
        'papers/b.md': paper('b', 'status: withheld\nreason: pre-decision', '\nThe treasury will contribute four million dollars before the end of the year.\n'),
        'sessions/only.yaml': "id: only\ntitle: Working level meeting\nweekday: Monday\ndate: 2015-10-26\nstart: '16:00'\nend: '17:00'\nlocation: Room 1\nitems:\n  - time: '16:00'\n    title: Welcome\n    papers: [a, b]\n",
      },
      messages: [],
    },
    {
      title: 'boilerplate both print, allowed in check.yaml with a reason',
      severity: 'info',
      files: {
        'check.yaml': 'withheld_text:\n  allow:\n    - phrase: The Steering Committee is invited to note this paper.\n      reason: The closing line of every paper for noting.\n',
        'papers/a.md': paper('a', 'status: withheld\nreason: pre-decision', '\nThe treasury will contribute four million dollars. The Steering Committee is invited to note this paper.\n'),
        'papers/b.md': paper('b', 'status: included', '\nThe Steering Committee is invited to note this paper.\n'),
        'sessions/only.yaml': "id: only\ntitle: Working level meeting\nweekday: Monday\ndate: 2015-10-26\nstart: '16:00'\nend: '17:00'\nlocation: Room 1\nitems:\n  - time: '16:00'\n    title: Welcome\n    papers: [a, b]\n",
      },
      messages: ['check.yaml:3:15: The allowed phrase "The Steering Committee is invited to note this paper." is cut out of the text of a withheld paper, so the Public edition may print it (reason: The closing line of every paper for noting.).'],
    },
    {
      title: 'an agenda item names it by its public title',
      files: {
        'papers/a.md': paper('a', 'title: Ruritania Trust Agreement\npublic_title: A financing facility\nstatus: withheld\nreason: pre-decision', '\nThe text.\n').replace('title: Paper a\n', ''),
        'sessions/only.yaml': "id: only\ntitle: Working level meeting\nweekday: Monday\ndate: 2015-10-26\nstart: '16:00'\nend: '17:00'\nlocation: Room 1\nitems:\n  - time: '16:00'\n    title: Discuss a financing facility\n    papers: [a]\n",
      },
      messages: [],
    },
  ],
};
