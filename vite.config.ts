import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createReadStream, readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
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
    // A workspace read on demand (manifest readOnDemand) is read by Range requests. The preview server
    // answers `bytes=0-0` (DuckDB-WASM's probe) with the whole file, so it would download everything:
    // ranges of a .duckdb are answered here, as static hosts do.
    configurePreviewServer(server) {
      const root = resolve(server.config.root, server.config.build.outDir);
      server.middlewares.use((req, res, next) => {
        const url = decodeURIComponent((req.url ?? '').split('?')[0]);
        const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ''));
        if (!range || !url.endsWith('.duckdb') || !url.startsWith(server.config.base)) return next();
        const file = resolve(root, url.slice(server.config.base.length));
        if (!file.startsWith(root + '/') || !existsSync(file)) return next();
        const size = statSync(file).size;
        const start = Number(range[1]);
        const end = Math.min(range[2] === '' ? size - 1 : Number(range[2]), size - 1);
        if (start > end) {
          res.writeHead(416, { 'Content-Range': `bytes */${size}` });
          return res.end();
        }
        res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': String(end - start + 1), 'Accept-Ranges': 'bytes' });
        if (req.method === 'HEAD') return res.end();
        createReadStream(file, { start, end }).pipe(res);
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
    include: process.env.TARGETSCOPE_REAL ? ['src/**/*.real.test.ts', 'tests/unit/**/*.real.test.ts'] : ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    exclude: process.env.TARGETSCOPE_REAL ? [] : ['**/*.real.test.ts', '**/node_modules/**'],
    testTimeout: 60000,
    // Instantiating DuckDB-WASM in beforeAll can take a while on a busy 2-core machine.
    hookTimeout: 60000,
  },
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
});
