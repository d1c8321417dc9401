/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** Exit codes: 0 success, 1 problems in the content, 2 usage or internal errors. */
export const EXIT = { ok: 0, contentErrors: 1, usage: 2, internal: 2 } as const;

/** Colour only on a terminal, and never when NO_COLOR is set. */
export function useColor(stream: { isTTY?: boolean }, env: CliIo['env']): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR;
}
