import path from 'node:path';
import { fileTree, isDirectory, type SourceTree } from '../io/source-tree.js';
import type { CliIo } from './io.js';

/** The content directory named on the command line; undefined, after saying why, when there is none. */
export function contentDirectory(dir: string, io: CliIo): SourceTree | undefined {
  const root = path.resolve(io.cwd, dir);
  if (!isDirectory(root)) {
    io.stderr.write(`ogp-pack: no content directory at ${dir}. Name a directory holding meeting.yaml, e.g. \`ogp-pack check content\`.\n`);
    return undefined;
  }
  // Diagnostics name files relative to the current directory, as the user typed the path.
  return fileTree(root, path.relative(io.cwd, root) || '.');
}
