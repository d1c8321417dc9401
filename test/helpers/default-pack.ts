/** The default pack as `ogp-pack build` wrote it once for this test run (see test/global-setup.ts). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { filesIn } from './cli.js';

const PACK_NAME = 'ogp-sc-2015-10-mexico-city';

/** The output directory: `public/` and `committee/`, each with its outputs and manifest. */
export const defaultPackOut = (): string => inject('defaultPackOut');

/** Every file of the build by its path under the output directory, with its bytes. */
export const defaultPackFiles = (): Map<string, Buffer> => filesIn(defaultPackOut());

/** One output of an edition, e.g. `defaultOutput('public', 'pdf')`. */
export const defaultOutput = (edition: string, format: 'pdf' | 'docx'): Uint8Array =>
  new Uint8Array(readFileSync(path.join(defaultPackOut(), edition, `${PACK_NAME}-${edition}.${format}`)));

/** An edition's manifest. */
export const defaultManifest = (edition: string) =>
  JSON.parse(readFileSync(path.join(defaultPackOut(), edition, 'manifest.json'), 'utf8')) as { outputs: { path: string; format: string; pages?: number }[] };
