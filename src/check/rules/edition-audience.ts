import { EXAMPLE_BASE } from '../examples.js';
import type { Rule } from '../rule.js';

/** The example meeting with these editions, written one key a line so that each finding has its own line. */
const meeting = (editions: string) => ({ 'meeting.yaml': EXAMPLE_BASE['meeting.yaml']!.slice(0, EXAMPLE_BASE['meeting.yaml']!.indexOf('editions:')) + `editions:\n${editions}` });

const PUBLIC = '  - id: public\n    audience: public\n    label: Public\n    marking: PUBLIC\n';
const COMMITTEE = '  - id: committee\n    audience: restricted\n    label: Committee\n    marking: RESTRICTED — committee members only\n    carries: [included, withheld]\n';

/** Reported by `resolve` (`src/editions/audience.ts`), so that `build` stops on it as `check` does. */
export const editionAudience: Rule = {
  id: 'edition-audience',
  doc: "An edition's audience (`audience: public` or `restricted`; when absent, taken from `carries`) decides what it may carry and how it may be named and marked, so that a mistake in meeting.yaml cannot publish withheld papers or pass a restricted file off as public. A public edition never carries `withheld`, and its id, suffix, label, marking and watermark never read as restricted (RESTRICTED, CONFIDENTIAL, NOT FOR CIRCULATION, MEMBERS ONLY…). A restricted edition's id and file name suffix never contain `public`, its label and watermark never read as public, and its marking says it is restricted. Fix the edition's audience, `carries`, name or marking as the message says.",
  severity: 'error',
  configurable: false,
  examples: [
    {
      title: 'a public edition that carries withheld papers',
      files: meeting(PUBLIC + '    carries: [included, withheld]\n' + COMMITTEE),
      messages: ['meeting.yaml:14:14: Edition "public" is public but carries withheld papers, which would publish them. Remove `withheld` from `carries`, or make the edition `audience: restricted` with a restricted name and marking.'],
    },
    {
      title: 'a public edition given withheld papers, in a meeting.yaml without audiences',
      files: meeting('  - {id: public, label: Public, marking: PUBLIC, carries: [included, withheld]}\n  - {id: committee, label: Committee, marking: RESTRICTED, carries: [included, withheld]}\n'),
      messages: [
        'meeting.yaml:10:10-10:16: Edition "public" is restricted (it carries withheld papers, so it is restricted; a public edition must not carry `withheld`), but its id contains "public" (its files are named after it). Give it a restricted name, e.g. `committee`.',
        'meeting.yaml:10:25-10:31: Edition "public" is restricted (it carries withheld papers, so it is restricted; a public edition must not carry `withheld`), but its label "Public" reads as public. Name the audience it is for, e.g. `Committee`.',
        'meeting.yaml:10:42-10:48: Edition "public" is restricted (it carries withheld papers, so it is restricted; a public edition must not carry `withheld`), but its marking "PUBLIC" does not say so. Use a marking such as `RESTRICTED — committee members only`.',
      ],
    },
    {
      title: 'two editions with their suffixes swapped',
      files: meeting(PUBLIC + '    suffix: committee\n' + COMMITTEE + '    suffix: public\n'),
      messages: ['meeting.yaml:20:13-20:19: Edition "committee" is restricted, but its file name suffix "public" contains "public", so its files would carry the public name. Give it a restricted suffix, e.g. `committee`.'],
    },
    {
      title: 'a single edition `public` that carries everything',
      files: meeting('  - id: public\n    audience: restricted\n    label: Public\n    marking: PUBLIC\n    carries: [included, withheld]\n'),
      messages: [
        'meeting.yaml:10:9-10:15: Edition "public" is restricted, but its id contains "public" (its files are named after it). Give it a restricted name, e.g. `committee`.',
        'meeting.yaml:12:12-12:18: Edition "public" is restricted, but its label "Public" reads as public. Name the audience it is for, e.g. `Committee`.',
        'meeting.yaml:13:14-13:20: Edition "public" is restricted, but its marking "PUBLIC" does not say so. Use a marking such as `RESTRICTED — committee members only`.',
      ],
    },
    {
      title: 'a restricted marking and watermark on the public edition',
      files: meeting('  - id: public\n    audience: public\n    label: Public\n    marking: RESTRICTED — committee members only\n    watermark: CONFIDENTIAL\n' + COMMITTEE),
      messages: [
        'meeting.yaml:13:14-13:49: Edition "public" is public, but its marking "RESTRICTED — committee members only" reads as restricted. Reword it, or make the edition `audience: restricted` if it is not for everyone.',
        'meeting.yaml:14:16-14:28: Edition "public" is public, but its watermark "CONFIDENTIAL" reads as restricted. Reword it, or make the edition `audience: restricted` if it is not for everyone.',
      ],
    },
    {
      title: 'PUBLIC on the committee edition',
      files: meeting(PUBLIC + COMMITTEE.replace('RESTRICTED — committee members only', 'PUBLIC')),
      messages: ['meeting.yaml:17:14-17:20: Edition "committee" is restricted, but its marking "PUBLIC" does not say so. Use a marking such as `RESTRICTED — committee members only`.'],
    },
    {
      title: 'a public and a restricted edition, each named and marked for its audience',
      files: meeting(PUBLIC + COMMITTEE.replace('RESTRICTED — committee members only', 'Members only — not for public release') + '    watermark: NOT PUBLIC\n'),
      messages: [],
    },
  ],
};

export const editionAudienceInferred: Rule = {
  id: 'edition-audience-inferred',
  doc: 'Every edition should state its `audience` (`public` or `restricted`). A meeting.yaml written before `audience` existed still builds: an edition that carries `withheld` is taken as restricted and any other as public, and `edition-audience` checks it as such. State the audience, so that the intent is written down and a wrong `carries` is caught as the mistake it is.',
  severity: 'warning',
  examples: [
    {
      title: 'editions without an audience',
      files: meeting('  - {id: public, label: Public, marking: PUBLIC}\n  - {id: committee, label: Committee, marking: RESTRICTED, carries: [included, withheld]}\n'),
      messages: [
        'meeting.yaml:10:10-10:16: Edition "public" does not state its audience, so it is taken as public because it does not carry withheld papers. Add `audience: public` (or `audience: restricted`) to say who may read it.',
        'meeting.yaml:11:10-11:19: Edition "committee" does not state its audience, so it is taken as restricted because it carries withheld papers. Add `audience: restricted` (or `audience: public`) to say who may read it.',
      ],
    },
    { title: 'editions that state their audience', files: meeting(PUBLIC + COMMITTEE), messages: [] },
  ],
};
