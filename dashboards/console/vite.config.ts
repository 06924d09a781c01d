import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is a static bundle served by the NestJS server at `/` on the same origin as
// `/api/v1`, so the dev server only needs to forward `/api` to a locally running server.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: process.env['ASTROLABE_API'] ?? 'http://localhost:3000', changeOrigin: true },
    },
  },
});
