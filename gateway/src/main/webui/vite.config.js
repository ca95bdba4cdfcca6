import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In production the gateway (Quarkus Quinoa) serves dist/ on the same origin as /api and /ws.
// `npm run dev` proxies those paths to a locally running gateway.
const gateway = process.env.GATEWAY_URL || 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': gateway,
      '/ws': { target: gateway.replace(/^http/, 'ws'), ws: true },
    },
  },
  test: {
    // Pure logic runs in node; component tests (*.test.jsx) say `@vitest-environment jsdom`.
    include: ['src/**/*.test.{js,jsx}'],
    environment: 'node',
    setupFiles: ['src/shared/testing/setup.js'],
    // MUI + jsdom renders take seconds on a loaded 2-core machine.
    testTimeout: 60_000,
  },
});
