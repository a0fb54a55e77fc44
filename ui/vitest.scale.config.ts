import { defineConfig } from 'vitest/config';

// The app at scale (`./dev bench --app`): the release app audits the benchmark's 100k
// contacts, timed from pressing "Run audit" to the dashboard. Not part of `./dev test`.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.scale.ts'],
    testTimeout: 300_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
