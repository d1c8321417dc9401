// Measures the false positives of the leak gate's run length: how many blocks of text would be
// refused (or warned about) for each length of shared run, on a content directory.
//
//   npm run build && node bench/withheld-runs.mjs [content-dir] [--withheld-only]
//
// "withheld vs public" counts the public blocks that share a run with a withheld paper the
// public edition does not carry: on content that quotes nothing withheld, each is a false positive.
// "paper vs the rest" takes each included paper in turn as if it were withheld, and counts the
// other papers' and the agendas' blocks that share a run with it: independently written text,
// so every hit there is what a withheld paper of that kind would refuse for nothing.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = (file) => new URL(`../dist/${file}`, import.meta.url).href;
const { readPack } = await import(dist('pipeline.js'));
const { fileTree } = await import(dist('io/source-tree.js'));
const { printedTexts, secretsOf } = await import(dist('editions/leaks.js'));
const { RunIndex, words } = await import(dist('editions/leaks/words.js'));

const args = process.argv.slice(2);
const withheldOnly = args.includes('--withheld-only');
const dir = path.resolve(args.find((a) => !a.startsWith('--')) ?? fileURLToPath(new URL('../content', import.meta.url)));
const { pack, diagnostics } = await readPack(fileTree(dir, path.basename(dir)));
if (!pack) throw new Error(diagnostics.map((d) => d.message).join('\n'));
const edition = pack.editions.find((e) => !e.carries.has('withheld'));
const LENGTHS = [3, 4, 5, 6, 7, 8, 10];

/** The public blocks: every document the edition carries, and each session's agenda strings. */
function publicBlocks(except) {
  const blocks = [];
  for (const doc of pack.documents.values()) if (edition.carries.has(doc.status) && doc !== except) for (const text of printedTexts(doc, pack)) blocks.push({ doc, words: words(text) });
  for (const session of pack.sessions) for (const item of session.items) blocks.push({ doc: session, words: words([item.title, item.description ?? ''].join(' ')) });
  return blocks;
}

function shared(secretTexts, blocks, length) {
  const index = new RunIndex(length);
  for (const text of secretTexts) index.add(text, true);
  return blocks.filter((b) => index.hits(b.words).length > 0).length;
}

const all = publicBlocks();
const withheld = secretsOf(pack, edition).filter((s) => s.kind === 'text').flatMap((s) => s.segments ?? [words(s.text)]);
console.log(`${dir}: ${all.length} public blocks, ${withheld.length} withheld blocks`);
console.log(`run length | withheld vs public (blocks) | paper vs the rest (papers hit / blocks hit, of ${[...pack.documents.values()].filter((d) => d.status === 'included').length} papers)`);
for (const length of LENGTHS) {
  let papersHit = 0;
  let blocksHit = 0;
  for (const doc of withheldOnly ? [] : pack.documents.values()) {
    if (doc.status !== 'included') continue;
    const own = printedTexts(doc, pack).map(words);
    const hit = shared(own, publicBlocks(doc), length);
    if (hit > 0) papersHit++;
    blocksHit += hit;
  }
  console.log(`${String(length).padStart(10)} | ${String(shared(withheld, all, length)).padStart(27)} | ${papersHit} / ${blocksHit}`);
}
