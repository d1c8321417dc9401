import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileTree, isDirectory, type SourceTree } from '../io/source-tree.js';
import type { PackLayoutFile } from '../plan/template.js';
import type { CliIo } from './io.js';

const MEETING_FILES = ['meeting.yaml', 'meeting.yml'];

/** Whether `dir` holds a meeting: its `meeting.yaml`. */
export function holdsMeeting(dir: string): boolean {
  return MEETING_FILES.some((name) => existsSync(path.join(dir, name)));
}

/** The directory a command reads when none is named: the current one when it is a meeting's, else `content/`. */
export function defaultContent(cwd: string): string {
  return holdsMeeting(cwd) ? '.' : 'content';
}

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

/** The meeting that holds `file`: the nearest directory above it with a `meeting.yaml`. */
export function packOfFile(file: string): string | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (holdsMeeting(dir)) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** `--layout FILE` as the layout loader reads it: the file in a tree of its own directory, which holds its fonts and logo. */
export function layoutFile(file: string, command: string, io: CliIo): PackLayoutFile | undefined {
  const absolute = path.resolve(io.cwd, file);
  if (!existsSync(absolute) || isDirectory(absolute)) {
    io.stderr.write(`ogp-pack ${command}: no layout file at ${file}. Name a layout.yaml, e.g. \`--layout house/layout.yaml\`.\n`);
    return undefined;
  }
  const dir = path.dirname(absolute);
  return { tree: fileTree(dir, path.relative(io.cwd, dir) || '.'), file: path.basename(absolute), required: true };
}
