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
  const staged = outputs.map((o) => ({ ...o, temporary: path.join(dir, `.${o.name}.${process.pid}.partial`), final: path.join(dir, o.name) }));
  const replaced: string[] = [];
  try {
    await mkdir(dir, { recursive: true });
    for (const o of staged) await writeFile(o.temporary, o.bytes);
    for (const o of staged) {
      await rename(o.temporary, o.final);
      replaced.push(o.name);
    }
  } catch (error) {
    await Promise.all(staged.map((o) => rm(o.temporary, { force: true }).catch(() => undefined)));
    throw new WriteError((error as Error).message, replaced);
  }
  return staged.map((o) => o.final);
}

/** Writing failed; `replaced` names the outputs already renamed into place, usually none. */
export class WriteError extends Error {
  constructor(
    message: string,
    readonly replaced: readonly string[],
  ) {
    super(message);
  }
}
