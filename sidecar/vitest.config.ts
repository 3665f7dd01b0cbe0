import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests spawn real sidecar processes; keep them from fighting over 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
