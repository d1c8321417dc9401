import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    // One test file per core: vitest's default leaves one core of two idle.
    maxWorkers: 2,
  },
});
