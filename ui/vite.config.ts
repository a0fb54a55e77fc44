import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// A static single-page app, served by the Tauri shell from ui/dist (no dev server
// and no network at run time).
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    target: 'safari15',
    outDir: 'dist',
    emptyOutDir: true,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    reporters: ['default'],
  },
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
});
