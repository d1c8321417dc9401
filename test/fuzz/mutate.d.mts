/** Types of `mutate.mjs`, the fuzzer's seeded mutations (plain JavaScript, loaded by the fuzz worker too). */
export function prng(seed: number): () => number;
export const SPECIALS: readonly string[];
export function fuzzCase(files: Record<string, string>, seed: number, index: number): { path: string; bytes: Uint8Array; mutations: string[] };
