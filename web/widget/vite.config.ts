import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The customer widget: one self-contained script (Preact), dist/web/widget.js. */
export default defineConfig({
  // Preact's JSX through Vite's own transform: the React plugin and a Preact preset in one package.json conflict.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  build: {
    lib: { entry: fileURLToPath(new URL('./src/main.tsx', import.meta.url)), formats: ['iife'], name: 'BatonWidget', fileName: () => 'widget.js' },
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: false,
    minify: true,
    reportCompressedSize: true,
  },
});
