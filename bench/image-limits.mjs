// Peak memory of `ogp-pack build` on the default content plus one image in a public paper:
// none; a PNG header declaring 20,000 × 20,000 pixels; a 3 GB file; a real 20,000 × 20,000 RGBA PNG (rows of
// compressed zeros, 1.6 MB on disk, 1.6 GB decoded); and the worst images the limits accept, an
// RGBA PNG (which pdfkit decodes) and a JPEG (which it copies) of 20 million pixels and nearly 6 MB. Each is a fresh process, timed
// by GNU time (`time -f %M`), as issue 14 measured it.
//
//   npm run build && node bench/image-limits.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDeflate, crc32 } from 'node:zlib';
import jpegJs from 'jpeg-js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'ogp-pack');
const PAPER = 'papers/joint-declaration.md';

const u32 = (n) => Buffer.from([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), body, u32(crc32(body))]);
};
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ihdr = (width, height) => chunk('IHDR', Buffer.concat([u32(width), u32(height), Buffer.from([8, 6, 0, 0, 0])]));

/** An RGBA PNG whose first `noisyRows` rows are random and the rest zeros, deflated as it streams. */
async function png(width, height, noisyRows = 0) {
  // Zeros at level 9 (the smallest file), noise at level 1 (as fast as it is large).
  const deflate = createDeflate({ level: noisyRows ? 1 : 9 });
  const pieces = [];
  deflate.on('data', (piece) => pieces.push(piece));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const zeros = Buffer.alloc(1 + width * 4);
  for (let y = 0; y < height; y++) {
    const row = y < noisyRows ? Buffer.concat([Buffer.from([0]), randomBytes(width * 4)]) : zeros;
    if (!deflate.write(row)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat([SIGNATURE, ihdr(width, height), chunk('IDAT', Buffer.concat(pieces)), chunk('IEND', Buffer.alloc(0))]);
}

/** A JPEG of `width` × `height` at the highest quality, its first `noisyRows` rows noise, the rest black. */
function jpeg(width, height, noisyRows) {
  const data = Buffer.alloc(width * height * 4);
  randomBytes(width * noisyRows * 4).copy(data);
  return Buffer.from(jpegJs.encode({ data, width, height }, 100).data);
}

const declared = () => Buffer.concat([SIGNATURE, ihdr(20000, 20000), chunk('IEND', Buffer.alloc(0))]);

function measure(label, image) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ogp-pack-image-limits-'));
  try {
    cpSync(path.join(ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
    if (image) {
      const figure = path.join(dir, 'content', 'papers', 'figure.png');
      // A number is a size: a sparse file of that many bytes, which must be refused unread.
      if (typeof image === 'number') truncateSync((writeFileSync(figure, declared()), figure), image);
      else writeFileSync(figure, image);
      const paper = path.join(dir, 'content', PAPER);
      writeFileSync(paper, `${readFileSync(paper, 'utf8')}\n![Figure](figure.png)\n`);
    }
    const run = spawnSync('/usr/bin/time', ['-f', '%M %e', process.execPath, BIN, 'build', '--out', path.join(dir, 'out')], { cwd: dir, encoding: 'utf8' });
    const [kb, seconds] = run.stderr.trim().split('\n').at(-1).split(' ').map(Number);
    const message = run.stderr.split('\n').find((line) => line.includes('image')) ?? '';
    console.log(`${label.padEnd(52)} exit ${run.status}  ${(kb / 1024).toFixed(0).padStart(5)} MB  ${seconds.toFixed(1).padStart(5)} s  ${image ? `${((image.length ?? image) / 1e6).toFixed(1)} MB file` : ''}`);
    if (message) console.log(`    ${message.trim()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

execFileSync('/usr/bin/time', ['--version'], { stdio: 'ignore' });
measure('default content', undefined);
measure('+ PNG header declaring 20000 × 20000', declared());
measure('+ real 20000 × 20000 RGBA PNG (zeros)', await png(20000, 20000));
measure('+ a 3 GB file (sparse)', 3 * 1024 ** 3);
// The largest images the limits accept: 20 million pixels and close to 6 MB.
measure('+ 5000 × 4000 RGBA PNG, 5.9 MB (at both limits)', await png(5000, 4000, 295));
measure('+ 5000 × 4000 JPEG, 5.9 MB (at both limits)', jpeg(5000, 4000, 270));
