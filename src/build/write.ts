import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Output {
  /** The file name inside the output directory. */
  name: string;
  bytes: Uint8Array;
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Writes every output into `dir` all-or-nothing as far as the file system allows: each file is
 * first written in full under a temporary name in the same directory, and only when all of them
 * are written are they renamed into place, the manifest last. A failure before then removes the
 * temporary files and leaves the previous pack untouched.
 */
export async function writeOutputs(dir: string, outputs: readonly Output[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const staged = outputs.map((o) => ({ ...o, temporary: path.join(dir, `.${o.name}.${process.pid}.partial`), final: path.join(dir, o.name) }));
  try {
    for (const o of staged) await writeFile(o.temporary, o.bytes, { flag: 'wx' });
  } catch (error) {
    await Promise.all(staged.map((o) => rm(o.temporary, { force: true })));
    throw error;
  }
  for (const o of staged) await rename(o.temporary, o.final);
  return staged.map((o) => o.final);
}
