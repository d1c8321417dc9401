import { execFileSync } from 'node:child_process';
import { describe } from 'vitest';

function available(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * `describe` for tests that read outputs with installed programs (poppler, qpdf, LibreOffice).
 * Without the programs the tests are skipped with the reason shown, except in CI, where
 * `.ci/run` installs them and sets OGP_PACK_CLIENT_TESTS=required so that a missing one fails.
 */
export function describeWithTools(tools: readonly string[], name: string, body: () => void): void {
  const missing = tools.filter((t) => !available(t));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  if (process.env.OGP_PACK_CLIENT_TESTS === 'required') throw new Error(`${name}: ${missing.join(', ')} not installed, and .ci/run requires the client tests`);
  describe.skip(`${name} (skipped: ${missing.join(', ')} not installed)`, body);
}
