// Bundles the command line and the render worker, with their dependencies, into dist/bundle/, so
// that a run loads a few large modules instead of several hundred small ones. Run by
// `npm run build` after tsc; bin/ogp-pack loads the bundle when it exists, dist/cli/main.js else.
//
// Each command's lazy import stays a chunk of its own (code splitting), so `check` still never
// loads the PDF or DOCX machinery. The bundle sits two directories below the installation, as
// dist/cli/*.js does, so paths found from `import.meta.url` (package.json, schemas/, templates/,
// dist/assets/, the cache root) and the worker beside the chunk that starts it resolve unchanged.
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = new URL('../dist/bundle/', import.meta.url);

/**
 * Left to Node to load from node_modules, each for a reason:
 * - pdfkit reads its own data files (standard font metrics, the sRGB ICC profile) beside itself;
 * - fontkit: ogp-pack parses fonts with it and hands the fonts to pdfkit, so both must share pdfkit's copy;
 * - pdfjs-dist loads its worker (pdf.worker.mjs) and standard font data from beside itself;
 * - dictionary-en reads its .aff and .dic files beside itself;
 * - ajv and ajv-formats are required through createRequire, as are the validators ajv compiled.
 */
const EXTERNAL = ['pdfkit', 'fontkit', 'pdfjs-dist', 'dictionary-en', 'ajv', 'ajv-formats'];

rmSync(OUT, { recursive: true, force: true });
const { metafile } = await build({
  absWorkingDir: ROOT,
  entryPoints: { main: 'src/cli/main.ts', 'render-worker': 'src/build/render-worker.ts' },
  outdir: fileURLToPath(OUT),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: EXTERNAL.flatMap((name) => [name, `${name}/*`]),
  // Bundled CommonJS packages call require() for Node's own modules; an ES module has none.
  banner: { js: "import { createRequire as __ogpCreateRequire } from 'node:module'; const require = __ogpCreateRequire(import.meta.url);" },
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  // For stack traces of internal errors under `node --enable-source-maps`, as tsc's output has.
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
});
// Which sources each chunk holds (paths relative to the installation): the tests read it to see what a command loads.
writeFileSync(new URL('meta.json', OUT), JSON.stringify(metafile));

// The validators ajv compiled at build time are required from beside the module that uses them.
copyFileSync(new URL('../dist/validate/validators.cjs', import.meta.url), new URL('validators.cjs', OUT));
