import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The SDK workspace from source: tests need no prior build of packages/invoicebox-sdk.
    alias: { '@ru-payments/invoicebox-sdk': fileURLToPath(new URL('../packages/invoicebox-sdk/src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts', '../packages/invoicebox-sdk/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests spawn real sidecar processes; keep them from fighting over 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
