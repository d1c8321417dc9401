import { examplePaper as paper } from '../examples.js';
import type { Finding, Rule } from '../rule.js';

/** Characters that print as nothing (Unicode's Default_Ignorable_Code_Point), in runs. */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}+/gu;
/** An emoji's variation selector or joiner is how the emoji is written, not hidden text. */
const EMOJI_PART = /^[\u200D\uFE0E\uFE0F]+$/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

const codePoints = (text: string) => [...text].map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');

export const invisibleCharacters: Rule = {
  id: 'invisible-characters',
  doc: "A source has characters that print as nothing (Unicode's default-ignorable code points: zero-width spaces and joiners, soft hyphens, U+2063, U+034F, direction marks, variation selectors). Pasted from a word processor or planted, they split words for search and for readers' tools, and can hide a quote of a withheld paper from a simple comparison (the leak gate drops them before comparing). Delete them; an emoji's own joiners and variation selectors are not reported.",
  severity: 'warning',
  check(context) {
    const findings: Finding[] = [];
    for (const source of context.sources) {
      const text = source.text;
      for (const match of text.matchAll(INVISIBLE)) {
        const before = String.fromCodePoint(text.codePointAt(Math.max(0, match.index - 1)) ?? 32);
        if (EMOJI_PART.test(match[0]) && (PICTOGRAPH.test(before) || PICTOGRAPH.test(text.slice(match.index + match[0].length, match.index + match[0].length + 2)))) continue;
        // A byte order mark at the very start is the file's encoding signature.
        if (match.index === 0 && match[0] === '\uFEFF') continue;
        findings.push({ file: source.file, span: context.fileText(source).span(match.index, match.index + match[0].length), message: `Invisible character${[...match[0]].length > 1 ? 's' : ''} (${codePoints(match[0])}): ${[...match[0]].length > 1 ? 'they print' : 'it prints'} as nothing but split${[...match[0]].length > 1 ? '' : 's'} the text for search and tools. Delete ${[...match[0]].length > 1 ? 'them' : 'it'}.` });
      }
    }
    return findings;
  },
  examples: [
    {
      title: 'a zero-width space and a soft hyphen inside words',
      files: { 'papers/a.md': paper('a', 'status: included', '\nThe tre\u200Basury will con\u00ADtribute.\n') },
      messages: [
        'papers/a.md:7:8-7:9: Invisible character (U+200B): it prints as nothing but splits the text for search and tools. Delete it.',
        'papers/a.md:7:23-7:24: Invisible character (U+00AD): it prints as nothing but splits the text for search and tools. Delete it.',
      ],
    },
    {
      title: 'an invisible separator and a grapheme joiner together',
      files: { 'papers/a.md': paper('a', 'status: included', '\nThe treasury\u2063\u034F will contribute.\n') },
      messages: ['papers/a.md:7:13-7:15: Invisible characters (U+2063, U+034F): they print as nothing but split the text for search and tools. Delete them.'],
    },
    { title: 'an emoji with its variation selector', files: { 'papers/a.md': paper('a', 'status: included', '\nWarning \u26A0\uFE0F ahead.\n') }, messages: [] },
  ],
};
