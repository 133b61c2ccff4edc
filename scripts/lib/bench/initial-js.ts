/**
 * Size of the JavaScript the browser needs before the app shell can paint:
 * the `<script type="module">` entry of dist/index.html, its modulepreload
 * links and (transitively) the static imports at the head of each chunk.
 * Dynamic `import()` chunks (DuckDB, the SQL editor, …) are not counted.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface InitialJs {
  files: { file: string; bytes: number; gzip: number }[];
  bytes: number;
  gzip: number;
  css: { file: string; bytes: number; gzip: number }[];
}

/** Static imports of a built chunk: `import{…}from"./x.js"` / `import"./x.js"` statements (dynamic import() excluded). */
function staticImports(code: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[;\n}])\s*import\s*(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}|\*\s*as\s+[\w$]+)?\s*(?:from\s*)?["']([^"']+\.js)["']/g;
  for (const m of code.matchAll(re)) out.push(m[1]);
  return out;
}

export function initialJs(distDir: string): InitialJs {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const refs = new Set<string>();
  const css = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*type=["']?module["']?[^>]*\bsrc=["']([^"']+)["']/g)) refs.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*rel=["']?modulepreload["']?[^>]*\bhref=["']([^"']+)["']/g)) refs.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*rel=["']?stylesheet["']?[^>]*\bhref=["']([^"']+)["']/g)) css.add(m[1]);
  const resolveRef = (from: string, ref: string) => path.normalize(path.join(path.dirname(from), ref.split('?')[0]));
  const queue = [...refs].map((r) => resolveRef(path.join(distDir, 'index.html'), r));
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file) || !fs.existsSync(file)) continue;
    seen.add(file);
    for (const ref of staticImports(fs.readFileSync(file, 'utf8'))) queue.push(resolveRef(file, ref));
  }
  const measure = (file: string) => {
    const buf = fs.readFileSync(file);
    return { file: path.relative(distDir, file), bytes: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
  };
  const files = [...seen].map(measure);
  return {
    files,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    gzip: files.reduce((s, f) => s + f.gzip, 0),
    css: [...css].map((r) => resolveRef(path.join(distDir, 'index.html'), r)).filter((f) => fs.existsSync(f)).map(measure),
  };
}
