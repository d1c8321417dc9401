import { examplePaper as paper } from '../examples.js';
import type { Finding, Rule } from '../rule.js';
import { proseSpan } from '../text.js';

/** Two or more capitalised words, possibly joined by small words: "Government of Indonesia". "and" ends a name: it usually joins two. */
const NAME = /(?<![\p{L}\p{N}’'-])\p{Lu}[\p{L}’'-]*(?:\s+(?:(?:of|for|the|on|in|de|del|la|y)\s+)*\p{Lu}[\p{L}’'-]*)+/gu;

/**
 * The name with inner words' plural `s` removed: "Natural Resources Governance Institute" and
 * "Natural Resource Governance Institute" meet. The last word keeps its `s`, since "Working
 * Group" and "Working Groups" are grammar, not two spellings.
 */
function nameKey(words: string[]): string {
  return words.map((w, i) => (i < words.length - 1 ? w.replace(/(?<=\p{L}{3})s$/u, '') : w).toLowerCase()).join(' ');
}

interface Mention {
  name: string;
  file: string;
  span: NonNullable<Finding['span']>;
}

export const inconsistentNames: Rule = {
  id: 'inconsistent-names',
  doc: 'A person or organisation is written the same way everywhere in the pack. Names that differ only by a plural inside them ("Natural Resource Governance Institute" and "Natural Resources Governance Institute") are reported at the less common spelling, citing where the other one is. Check the organisation\'s own usage and use one spelling throughout.',
  severity: 'warning',
  check(context) {
    const byKey = new Map<string, Map<string, Mention[]>>();
    for (const prose of context.prose()) {
      for (const m of prose.text.matchAll(NAME)) {
        // A sentence's first word is not part of the name: "The …", "Contact the …".
        const lead = /^(?:(?:The|A|An|In|At|By|For|From|With)\s+|\p{Lu}\p{Ll}*\s+the\s+)/u.exec(m[0])?.[0].length ?? 0;
        // A no-break space or a line break inside a name is not another spelling.
        const name = m[0].slice(lead).replace(/\s+/g, ' ');
        const words = name.split(' ');
        if (words.length < 2) continue;
        const start = m.index + lead;
        const key = nameKey(words);
        const spellings = byKey.get(key) ?? new Map<string, Mention[]>();
        byKey.set(key, spellings);
        const mentions = spellings.get(name) ?? [];
        spellings.set(name, mentions);
        mentions.push({ name, file: prose.source.file, span: proseSpan(prose, context.fileText(prose.source), start, start + m[0].length - lead) });
      }
    }
    const findings: Finding[] = [];
    for (const spellings of byKey.values()) {
      if (spellings.size < 2) continue;
      // The most used spelling is the reference; ties go to the one read first.
      const [main, ...others] = [...spellings.values()].sort((a, b) => b.length - a.length);
      const first = main![0]!;
      for (const mentions of others) {
        for (const mention of mentions) {
          findings.push({
            file: mention.file,
            span: mention.span,
            message: `"${mention.name}" is written "${first.name}" elsewhere (${first.file}:${first.span.start.line}:${first.span.start.column}). Use one spelling of the name throughout.`,
          });
        }
      }
    }
    return findings;
  },
  examples: [
    {
      title: 'an organisation spelled two ways',
      files: {
        'papers/a.md': paper('a', 'status: included', '\nThe Natural Resource Governance Institute leads. The Natural Resource Governance Institute reports.\n'),
        'papers/b.md': paper('b', 'status: included', '\nContact the Natural Resources Governance Institute.\n'),
      },
      messages: ['papers/b.md:7:13-7:51: "Natural Resources Governance Institute" is written "Natural Resource Governance Institute" elsewhere (papers/a.md:7:5). Use one spelling of the name throughout.'],
    },
    { title: 'a plural of the whole name, a line break inside a name', files: { 'papers/a.md': paper('a', 'status: included', '\nThe Open Data Working Group and other Open Data Working Groups. Hille\u00a0Hinsberg and Hille\nHinsberg.\n') }, messages: [] },
  ],
};
