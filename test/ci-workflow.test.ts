import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli } from './helpers/cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKFLOW = readFileSync(`${ROOT}docs/ci/github-actions.yml`, 'utf8');

/** Each `npx ogp-pack …` command the workflow runs, as arguments. */
function ogpPackCommands(): string[][] {
  const steps = (parse(WORKFLOW) as { jobs: Record<string, { steps: { run?: string }[] }> }).jobs.pack!.steps;
  return steps
    .flatMap((step) => (step.run ?? '').split('\n'))
    .filter((line) => line.trim().startsWith('npx ogp-pack '))
    .map((line) => line.trim().replace(/^npx ogp-pack /, '').split(/\s+/).map((arg) => arg.replace(/^"(.*)"$/, '$1')));
}

describe('the example GitHub Actions workflow', () => {
  it('is shown whole in the README', () => {
    expect(readFileSync(`${ROOT}README.md`, 'utf8')).toContain(`\`\`\`yaml\n${WORKFLOW.trimEnd()}\n\`\`\``);
  });

  it('checks, builds with annotations, compares a second build, checks the public edition for leaks and uploads it alone', () => {
    const workflow = parse(WORKFLOW) as { on: object; jobs: { pack: { steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] } } };
    const steps = workflow.jobs.pack.steps;
    expect(Object.keys(workflow.on)).toEqual(['push', 'pull_request']);
    expect(ogpPackCommands().map((args) => args.slice(0, 1).concat(args.filter((a) => a.startsWith('--'))))).toEqual([
      ['check', '--format'],
      ['build', '--edition', '--reporter'],
      ['build', '--out', '--reporter', '--quiet'],
      ['check', '--leaks', '--format'],
      ['diff', '--format'],
    ]);
    expect(ogpPackCommands().at(-2)).toEqual(['check', 'content', '--leaks', 'out/public', '--format', 'github']);
    // On a pull request, the public edition's changes since the base branch, posted as a comment.
    expect(ogpPackCommands().at(-1)!.slice(0, 6)).toEqual(['diff', 'FETCH_HEAD', 'HEAD', 'content', '--format', 'markdown']);
    const post = steps.find((s) => s.run?.includes('ogp-pack diff')) as { if?: string; run: string };
    expect(post.if).toBe("github.event_name == 'pull_request'");
    expect(post.run).toContain('gh pr comment "$PULL_REQUEST" --body-file "$RUNNER_TEMP/changes.md"');
    expect(steps.some((s) => s.run?.includes('sha256sum --check'))).toBe(true);
    // Only the public edition is published: an artifact of out/ whole would carry the committee's papers.
    const uploads = steps.filter((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(uploads.map((s) => s.with)).toEqual([{ name: 'briefing-pack-public', path: 'out/public/', 'if-no-files-found': 'error' }]);
  });

  it('runs only commands and options ogp-pack accepts', async () => {
    for (const args of ogpPackCommands()) {
      // Every option the command takes is listed in its --help; an unknown one would be a usage error.
      const { code, stdout } = await cli([args[0]!, '--help'], ROOT);
      expect(code).toBe(0);
      for (const option of args.filter((a) => a.startsWith('--'))) expect(stdout, `${args[0]} ${option}`).toContain(`${option} `);
    }
  });
});
