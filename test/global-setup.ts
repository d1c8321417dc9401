/**
 * Builds the default pack once per test run, as `ogp-pack build` builds it, for every test that
 * only reads its outputs: they share these bytes instead of building the same pack again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { run } from '../src/cli/main.js';
import { CONTENT_DIR } from './helpers/trees.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The output directory of the default pack's build: `public/` and `committee/`, each with its manifest. */
    defaultPackOut: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const root = mkdtempSync(path.join(tmpdir(), 'ogp-default-pack-'));
  const out = path.join(root, 'out');
  let log = '';
  const write = (s: string) => (log += s);
  const code = await run(['build', CONTENT_DIR, '--out', out], { cwd: root, env: {}, stdout: { write }, stderr: { write } });
  if (code !== 0) throw new Error(`the default pack did not build (exit ${code}):\n${log}`);
  project.provide('defaultPackOut', out);
  return () => rmSync(root, { recursive: true, force: true });
}
