import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DATA_DIR = resolve(import.meta.dirname, 'data');

/**
 * Serves the sample/published workspace in `data/` at `./data/` during dev and
 * copies it into the build, so the site opens on it. Only data files are
 * shipped (not the generator's README).
 */
function workspaceData(): Plugin {
  const shipped = (name: string) => /\.(duckdb|json|csv|parquet)$/.test(name);
  return {
    name: 'targetscope-workspace-data',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        const m = /\/data\/([\w.-]+)$/.exec(url);
        if (!m || !shipped(m[1])) return next();
        const file = join(DATA_DIR, m[1]);
        if (!existsSync(file)) return next();
        res.setHeader('Content-Length', String(statSync(file).size));
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      if (!existsSync(DATA_DIR)) return;
      for (const name of readdirSync(DATA_DIR).filter(shipped)) {
        this.emitFile({ type: 'asset', fileName: `data/${name}`, source: readFileSync(join(DATA_DIR, name)) });
      }
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [svelte(), workspaceData()],
  define: {
    // Read-only builds hide editing and file drop (see README "Publishing").
    __READ_ONLY__: JSON.stringify(process.env.TARGETSCOPE_READ_ONLY === '1'),
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
  test: {
    environment: 'node',
    // *.real.test.ts read ../shared/datasets and run in `npm run test:real` only.
    include: process.env.TARGETSCOPE_REAL ? ['src/**/*.real.test.ts'] : ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    exclude: process.env.TARGETSCOPE_REAL ? [] : ['**/*.real.test.ts', '**/node_modules/**'],
    testTimeout: 60000,
    // Instantiating DuckDB-WASM in beforeAll can take a while on a busy 2-core machine.
    hookTimeout: 60000,
  },
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
});
