/**
 * The layering, checked mechanically over every source file (tests excluded):
 *
 * - no file under src/features, src/app or src/components imports src/lib/engine: views reach the one
 *   engine only through lib/store (queries bound by each feature's queries.ts). Its interfaces (`import type`
 *   of SqlRunner, Row) carry no code and may be named;
 * - no import cycle, between files or between folders, counting value imports (`import type` and
 *   `import { type … }` only are not dependencies at run time; a dynamic import() is not one at load time);
 * - no source file over 400 lines, except the message catalogs.
 *
 * Imports are read with the TypeScript parser, from .ts files and the <script> blocks of .svelte files.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../src');
const MAX_LINES = 400;
const CATALOGS = new Set(['lib/i18n/en.ts', 'lib/i18n/zh-CN.ts']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|svelte)$/.test(e.name) && !/\.test\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

const rel = (file: string) => path.relative(SRC, file).split(path.sep).join('/');

interface Import {
  target: string;
  /** false for type-only imports and dynamic import() */
  atLoad: boolean;
}

const SCRIPT = /<script\b[^>]*>([\s\S]*?)<\/script>/g;

function scriptOf(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  if (!file.endsWith('.svelte')) return text;
  return [...text.matchAll(SCRIPT)].map((m) => m[1]).join('\n');
}

/** A .svelte file's markup may load a module too: `{#await import('…')}`. */
function markupImports(file: string): string[] {
  if (!file.endsWith('.svelte')) return [];
  const markup = fs.readFileSync(file, 'utf8').replace(SCRIPT, '');
  return [...markup.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]);
}

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null; // a package
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.svelte.ts`, `${base}.svelte`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${rel(from)}: cannot resolve '${spec}'`);
}

function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, scriptOf(file), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Import[] = [];
  const add = (spec: string, atLoad: boolean) => {
    const target = resolve(file, spec);
    if (target) out.push({ target, atLoad });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : null;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, !typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, !node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0])) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const spec of markupImports(file)) add(spec, false);
  return out;
}

/** Strongly connected components with more than one node, or a node that imports itself (Tarjan). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string) => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.has(v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!order.has(v)) connect(v);
  return out;
}

const files = sourceFiles(SRC);
const imports = new Map(files.map((f) => [f, importsOf(f)]));

describe('architecture', () => {
  it('reads the imports it checks (the parser sees value, type-only and dynamic imports)', () => {
    const app = imports.get(path.join(SRC, 'app/App.svelte'))!;
    expect(app.some((i) => rel(i.target) === 'lib/store/workspace.svelte.ts' && i.atLoad)).toBe(true);
    expect(app.some((i) => rel(i.target) === 'features/snapshot/View.svelte' && !i.atLoad)).toBe(true);
    const overview = imports.get(path.join(SRC, 'lib/analyses/overview.ts'))!;
    expect(overview.find((i) => rel(i.target) === 'lib/engine/types.ts')?.atLoad).toBe(false);
  });

  it('views, components and the shell never import the engine', () => {
    const offenders = files
      .filter((f) => /^(features|app|components)\//.test(rel(f)))
      .flatMap((f) => imports.get(f)!.filter((i) => i.atLoad && rel(i.target).startsWith('lib/engine/')).map((i) => `${rel(f)} → ${rel(i.target)}`));
    expect(offenders).toEqual([]);
  });

  it('has no import cycle between files', () => {
    const graph = new Map(files.map((f) => [rel(f), new Set(imports.get(f)!.filter((i) => i.atLoad).map((i) => rel(i.target)))]));
    expect(cycles(graph)).toEqual([]);
  });

  it('has no import cycle between folders', () => {
    const folder = (f: string) => path.posix.dirname(rel(f));
    const graph = new Map<string, Set<string>>();
    for (const f of files) {
      const edges = graph.get(folder(f)) ?? new Set<string>();
      for (const i of imports.get(f)!) if (i.atLoad && folder(i.target) !== folder(f)) edges.add(folder(i.target));
      graph.set(folder(f), edges);
    }
    expect(cycles(graph)).toEqual([]);
  });

  it(`has no source file over ${MAX_LINES} lines but the message catalogs`, () => {
    const long = files
      .filter((f) => !CATALOGS.has(rel(f)))
      .map((f) => ({ file: rel(f), lines: fs.readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
