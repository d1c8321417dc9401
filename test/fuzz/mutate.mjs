/**
 * Seeded mutations of real sources, for the fuzzer: line edits, byte edits, and YAML and
 * Markdown special characters, some repeated many times (the shapes that make parsers slow).
 * Plain JavaScript, so that the fuzz worker can load it next to the compiled `dist/`.
 */

/** mulberry32: a small, well-known seeded generator; the same seed gives the same cases on every machine. */
export function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Characters and fragments with a meaning in YAML or Markdown (or in their parsers' error paths). */
export const SPECIALS = [
  ':', ': ', '- ', '? ', '[', ']', '{', '}', ',', '&a ', '*a', '!', '!!js/function ', '!custom ', '|', '>', "'", '"', '#', '%YAML 1.1', '---', '...', '\t', '@', '`',
  '*', '**', '_', '__', '~~', '[x](javascript:alert(1))', '[x][r]', '[r]: file:///etc/passwd', '![i](../x.png)', '![i](/etc/passwd)', '<!--', '-->', '<b>', '&amp;', '&#0;', '\\',
  '```', '~~~', '::table{data="x"}', ':note', '| a | b |\n|---|---|', '1. ', '1) ', '    ', '\r\n', '\r', '\u0000', '\ufeff', '\u202e', '\ud83d\ude00', '\ud800', 'é', '[^1]', '[^1]: note',
  '<<: *a', '~', 'null', 'true', '0x10', '1e999', '2015-13-45', '25:99', '__proto__: x', 'constructor: x',
];

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One of the mutations, by name, so that a failing case can say what it did. */
const MUTATIONS = {
  deleteLine: (lines, r) => lines.splice(pick(lines.length, r), 1),
  duplicateLine: (lines, r) => {
    const i = pick(lines.length, r);
    lines.splice(i, 0, lines[i] ?? '');
  },
  swapLines: (lines, r) => {
    const i = pick(lines.length, r);
    const j = pick(lines.length, r);
    [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
  },
  indentLine: (lines, r) => {
    const i = pick(lines.length, r);
    lines[i] = ' '.repeat(1 + pick(4, r)) + (lines[i] ?? '');
  },
  dedentLine: (lines, r) => {
    const i = pick(lines.length, r);
    lines[i] = (lines[i] ?? '').replace(/^\s{1,2}/, '');
  },
  specialLine: (lines, r) => lines.splice(pick(lines.length + 1, r), 0, special(r) + (r() < 0.5 ? special(r) : '')),
  specialInLine: (lines, r) => {
    const i = pick(lines.length, r);
    const line = lines[i] ?? '';
    const at = pick(line.length + 1, r);
    lines[i] = line.slice(0, at) + special(r) + line.slice(at);
  },
  /** A special fragment repeated up to thousands of times: nesting, emphasis and bracket bombs. */
  repeatSpecial: (lines, r) => {
    const i = pick(lines.length, r);
    const line = lines[i] ?? '';
    const at = pick(line.length + 1, r);
    const times = 1 + Math.floor(r() ** 2 * 5000);
    lines[i] = line.slice(0, at) + special(r).repeat(times) + line.slice(at);
  },
  /** A run of lines repeated, each nested one step deeper: deep lists, quotes and YAML. */
  nestLines: (lines, r) => {
    const i = pick(lines.length, r);
    const unit = ['- ', '> ', '  ', '* ', '1. ', '  - '][pick(6, r)];
    const times = 1 + Math.floor(r() ** 2 * 3000);
    const nested = Array.from({ length: times }, (_, k) => unit.repeat(k + 1) + (lines[i] ?? 'x').trim());
    lines.splice(i, 0, ...nested);
  },
  truncate: (lines, r) => lines.splice(pick(lines.length, r)),
};

const BYTE_MUTATIONS = {
  flipByte: (bytes, r) => {
    if (bytes.length === 0) return bytes;
    const copy = bytes.slice();
    copy[pick(copy.length, r)] ^= 1 << pick(8, r);
    return copy;
  },
  insertBytes: (bytes, r) => {
    const at = pick(bytes.length + 1, r);
    const inserted = Uint8Array.from({ length: 1 + pick(8, r) }, () => pick(256, r));
    return concat(bytes.subarray(0, at), inserted, bytes.subarray(at));
  },
  deleteBytes: (bytes, r) => {
    const at = pick(bytes.length + 1, r);
    return concat(bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + 1 + pick(64, r))));
  },
};

function pick(n, r) {
  return n <= 0 ? 0 : Math.floor(r() * n);
}

function special(r) {
  return SPECIALS[pick(SPECIALS.length, r)];
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Case `index` of the run seeded `seed`: one source of `files` (path → text) with one to four
 * mutations. The same seed and index always give the same case.
 */
export function fuzzCase(files, seed, index) {
  const r = prng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const paths = Object.keys(files).sort();
  const path = paths[pick(paths.length, r)];
  const applied = [];
  let bytes = encoder.encode(files[path]);
  const count = 1 + pick(4, r);
  for (let k = 0; k < count; k++) {
    if (r() < 0.25) {
      const names = Object.keys(BYTE_MUTATIONS);
      const name = names[pick(names.length, r)];
      bytes = BYTE_MUTATIONS[name](bytes, r);
      applied.push(name);
    } else {
      const names = Object.keys(MUTATIONS);
      const name = names[pick(names.length, r)];
      // Line edits work on text: a byte edit before them may have made it invalid UTF-8, which decoding replaces.
      const lines = decoder.decode(bytes).split('\n');
      MUTATIONS[name](lines, r);
      bytes = encoder.encode(lines.join('\n'));
      applied.push(name);
    }
  }
  return { path, bytes, mutations: applied };
}
