// Expands the American and British English hunspell dictionaries (dictionary-en, dictionary-en-gb)
// into one list of word forms, so that `ogp-pack check` loads a single dictionary without applying
// thousands of affix rules on every run. Run by `npm run build`; the output lives in dist/assets/.
// Both dictionaries come from the same source with the same affix file header, so the header of
// dictionary-en (without its PFX/SFX rules, which are already applied) serves the union.
import { mkdirSync, writeFileSync } from 'node:fs';
import american from 'dictionary-en';
import british from 'dictionary-en-gb';
import nspell from 'nspell';

const OUT = new URL('../dist/assets/', import.meta.url);
const forms = new Map();
for (const dictionary of [american, british]) {
  const spell = nspell(dictionary);
  // Flags that are not affixes (compounding, NOSUGGEST) stay with the word.
  const affixes = new Set(Object.keys(spell.rules));
  for (const [word, flags] of Object.entries(spell.data)) {
    const kept = forms.get(word) ?? new Set();
    for (const flag of flags) if (!affixes.has(flag)) kept.add(flag);
    forms.set(word, kept);
  }
}
const entries = [...forms.keys()].sort().map((word) => (forms.get(word).size ? `${word}/${[...forms.get(word)].sort().join('')}` : word));
const header = new TextDecoder()
  .decode(american.aff)
  .split('\n')
  .filter((line) => !/^(PFX|SFX) /.test(line))
  .join('\n');
mkdirSync(OUT, { recursive: true });
writeFileSync(new URL('dictionary-en.aff', OUT), header);
writeFileSync(new URL('dictionary-en.dic', OUT), `${entries.length}\n${entries.join('\n')}\n`);
