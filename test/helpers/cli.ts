/** Running the command line in-process, as bin/ogp-pack does, with its output captured. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { run } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { cwd, env, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

/** Every file under `dir` (hidden ones included) by its relative path with `/` separators, sorted, with its bytes. */
export function filesIn(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  const paths = entries.map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
  for (const file of paths) files.set(file, readFileSync(path.join(dir, file)));
  return files;
}

/**
 * Writes into `dir` a script that runs tsc's unbundled dist/cli/main.js as bin/ogp-pack runs the
 * bundle, for tests that run the command line in a process of its own; returns its path.
 */
export function unbundledCli(dir: string): string {
  const main = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
  const script = path.join(dir, 'unbundled.mjs');
  writeFileSync(
    script,
    `import { run } from ${JSON.stringify(pathToFileURL(main).href)};\n` +
      'process.exitCode = await run(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });\n',
  );
  return script;
}
