import { defineConfig } from 'vitest/config';

// The installed package's window (`./dev test --package`): the .deb installed with dpkg,
// its /usr/bin/lead-audit driven through tauri-driver (see e2e/installed.package.ts).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.package.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
