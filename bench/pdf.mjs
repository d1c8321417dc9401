// Renders the default pack's PDF a few times and prints the time per render and per page.
// Run after `npm run build`: node bench/pdf.mjs [runs]
import { readPack } from '../dist/pipeline.js';
import { fileTree } from '../dist/io/source-tree.js';
import { editionPlan } from '../dist/build/build.js';
import { loadLayout } from '../dist/plan/template.js';
import { renderPdf } from '../dist/render/pdf/index.js';

const runs = Number(process.argv[2] ?? 3);
const { pack } = await readPack(fileTree(new URL('../content', import.meta.url).pathname));
const { layout, fonts } = await loadLayout();
const plan = editionPlan(pack, pack.editions[0], layout, fonts, {});
const times = [];
let pages = 0;
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  ({ pages } = await renderPdf(plan, layout, fonts));
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`PDF of the default pack: ${pages} pages, median ${median.toFixed(0)} ms per render over ${runs} runs (${(median / pages).toFixed(1)} ms per page, all layout passes included)`);
