import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    // One test file per core: vitest's default leaves one core of two idle.
    maxWorkers: 2,
    // The default pack, built once for the tests that only read its outputs.
    globalSetup: ['test/global-setup.ts'],
    // Compares outputs' bytes at once rather than one by one.
    setupFiles: ['test/setup.ts'],
  },
});
