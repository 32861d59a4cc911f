import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources of our own packages, not their built output.
    alias: {
      '@spinerecon/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
      '@spinerecon/dicom': fileURLToPath(new URL('./packages/dicom/src/index.ts', import.meta.url)),
      '@spinerecon/server': fileURLToPath(new URL('./apps/server/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
      'apps/web/src/**/*.test.tsx',
      'apps/web/e2e/**/*.e2e.test.ts',
    ],
  },
});
