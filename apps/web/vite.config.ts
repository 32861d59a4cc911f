import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app. `npm run dev -w @spinerecon/web` serves it with the API proxied to a server on :8080;
// `vite build` writes apps/web/dist, which the server serves at `/` (SPINERECON_WEB_DIR).
export default defineConfig({
  plugins: [react()],
  // Cornerstone3D (docs "vue-angular-react-etc", Vite): its DICOM loader starts web workers and loads WASM
  // codecs by URL, which the dependency pre-bundler would break; dicom-parser is CommonJS.
  optimizeDeps: {
    exclude: ['@cornerstonejs/dicom-image-loader'],
    include: ['dicom-parser'],
  },
  // vtk.js (under Cornerstone core) imports xmlbuilder2, whose Node entry needs `events`; its own browser bundle
  // does not.
  resolve: { alias: { xmlbuilder2: 'xmlbuilder2/lib/xmlbuilder2.min.js' } },
  worker: { format: 'es' },
  assetsInclude: ['**/*.wasm'],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 8192,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  preview: { host: '127.0.0.1', port: 4173, proxy: { '/api': 'http://127.0.0.1:8080' } },
});
