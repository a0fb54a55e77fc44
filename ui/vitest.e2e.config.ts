import { defineConfig } from 'vitest/config';

// End-to-end tests drive the real app binary through tauri-driver (see e2e/README.md).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
