/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** The clock, for the times `watch` prints; the system clock when absent. */
  now?: () => Date;
}

/** Exit codes: 0 success, 1 problems in the content, 2 usage or internal errors. */
export const EXIT = { ok: 0, contentErrors: 1, usage: 2, internal: 2 } as const;

/** Colour on a terminal or when FORCE_COLOR is set (not to 0), and never when NO_COLOR is set. */
export function useColor(stream: { isTTY?: boolean }, env: CliIo['env']): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY);
}
