import { documentSecrets, KIND, type Secret } from '../../editions/leaks.js';
import { PhraseIndex, wordSpans, words } from '../../editions/leaks/words.js';
import { examplePaper as paper } from '../examples.js';
import { checkProse, type ProseFinding } from '../prose-rule.js';
import type { Rule } from '../rule.js';

/** Where `phrase` starts and ends in `text` (whose words are `found`), as character offsets, or undefined. */
function locate(text: string, found: readonly string[], phrase: readonly string[]): [number, number] | undefined {
  for (let i = 0; i + phrase.length <= found.length; i++) {
    if (!phrase.every((word, k) => found[i + k] === word)) continue;
    const spans = wordSpans(text);
    // Normalisation can merge or split a word in rare scripts; then the run's start is the place.
    if (spans.length !== found.length) return [0, text.length];
    const last = spans[i + phrase.length - 1]!;
    return [spans[i]!.index!, last.index! + last[0].length];
  }
  return undefined;
}

export const withheldText: Rule = {
  id: 'withheld-text',
  doc: "A public source quotes a withheld paper: its restricted title (when a `public_title` replaces it), a sentence of 8 or more words of its text, or its canary, in an agenda, another paper or the meeting's metadata. An edition that does not carry the paper would print it, and the build's leak gate would refuse to write it. Use the public title, paraphrase, or leave it out.",
  severity: 'error',
  check(context) {
    const pack = context.pack;
    if (!pack || pack.editions.every((e) => e.carries.has('withheld'))) return [];
    const withheld = [...pack.documents.values()].filter((d) => d.status === 'withheld');
    const secrets = withheld.map((doc) => ({ file: doc.file, secrets: documentSecrets(doc).filter((s) => s.kind !== 'id').map((s) => ({ secret: s, words: words(s.text) })) }));
    if (secrets.every((d) => d.secrets.length === 0)) return [];
    // The text of a paper that is not included (withheld, or not yet here) is not printed where the withheld one is not.
    const unprinted = new Set([...pack.documents.values()].filter((d) => d.status !== 'included').map((d) => d.file));
    // One pass over each run of prose finds every secret in it; only those found are then placed.
    const index = new PhraseIndex(secrets.flatMap((d) => d.secrets.map((s) => ({ words: s.words, value: s.secret }))));
    return checkProse(context, (prose) => {
      if (unprinted.has(prose.source.file)) return [];
      const found = words(prose.text);
      const present = new Set(index.find(found));
      if (present.size === 0) return [];
      const findings: ProseFinding[] = [];
      for (const { secrets: ofDocument, file } of secrets) {
        const reported = new Set<Secret['kind']>();
        for (const { secret, words: phrase } of ofDocument) {
          if (reported.has(secret.kind) || !present.has(secret)) continue;
          const at = locate(prose.text, found, phrase);
          if (!at) continue;
          reported.add(secret.kind);
          findings.push({ start: at[0], end: at[1], message: `This quotes ${KIND[secret.kind]} of the withheld paper in ${file}, which an edition does not carry, so the build would refuse that edition. Use the paper's public title ("${secret.paper}"), paraphrase, or leave it out.` });
        }
      }
      return findings;
    });
  },
  examples: [
    {
      title: 'an agenda item names a paper by its restricted title',
      files: {
        'papers/a.md': paper('a', 'title: Ruritania Trust Agreement\npublic_title: A financing facility\nstatus: withheld\nreason: pre-decision', '\nThe text.\n').replace('title: Paper a\n', ''),
        'sessions/only.yaml': "id: only\ntitle: Working level meeting\nweekday: Monday\ndate: 2015-10-26\nstart: '16:00'\nend: '17:00'\nlocation: Room 1\nitems:\n  - time: '16:00'\n    title: Discuss the Ruritania trust agreement\n    papers: [a]\n",
      },
      messages: ['sessions/only.yaml:10:24-10:49: This quotes the title of the withheld paper in papers/a.md, which an edition does not carry, so the build would refuse that edition. Use the paper\'s public title ("A financing facility"), paraphrase, or leave it out.'],
    },
    {
      title: 'another paper quotes a sentence of it',
      files: {
        'papers/a.md': paper('a', 'status: withheld\nreason: pre-decision', '\nThe treasury will contribute four million dollars before the end of the year.\n'),
        'papers/b.md': paper('b', 'status: included', '\nAs the note says, the treasury will contribute four million dollars before the end of the year.\n'),
        'sessions/only.yaml': "id: only\ntitle: Working level meeting\nweekday: Monday\ndate: 2015-10-26\nstart: '16:00'\nend: '17:00'\nlocation: Room 1\nitems:\n  - time: '16:00'\n    title: Welcome\n    papers: [a, b]\n",
      },
      messages: ['papers/b.md:7:19-7:95: This quotes a sentence of the withheld paper in papers/a.md, which an edition does not carry, so the build would refuse that edition. Use the paper\'s public title ("Paper a"), paraphrase, or leave it out.'],
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
      title: 'an agenda item names it by its public title',
      files: {
        'papers/a.md': paper('a', 'title: Ruritania Trust Agreement\npublic_title: A financing facility\nstatus: withheld\nreason: pre-decision', '\nThe text.\n').replace('title: Paper a\n', ''),
        'sessions/only.yaml': "id: only\ntitle: Working level meeting\nweekday: Monday\ndate: 2015-10-26\nstart: '16:00'\nend: '17:00'\nlocation: Room 1\nitems:\n  - time: '16:00'\n    title: Discuss a financing facility\n    papers: [a]\n",
      },
      messages: [],
    },
  ],
};
