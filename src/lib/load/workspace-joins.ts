/**
 * Joining a workspace's lookups to its facts: the joins proposed (by name,
 * else by values) or chosen by the user, each measured on the fact rows, and
 * the joined relation with its columns named apart, mapped like one file.
 */
import type { ColumnOrigin } from '../ingest/mapping';
import { withYearMonthSql } from '../ingest/year-month';
import { normalizeHeader } from '../ingest/header-synonyms';
import type { SqlRunner } from '../engine/types';
import { sqlIdent } from '../model/sql';
import type { JoinChoice } from './loaded-source';
import { detectFormats, MAPPING_SAMPLE_ROWS, proposeWithYearMonth } from './load-plan';
import type { WorkspaceFile } from './workspace-classify';

/** A proposed (or confirmed) join: facts' column → a lookup's key. */
export interface Join {
  /** Where the key lives: the fact table or an already joined lookup (by file id). */
  fromFile: number;
  fromColumn: string;
  toFile: number;
  toColumn: string;
  /** Fact rows whose key found a match, out of all fact rows with a key. */
  matchedRows: number;
  keyedRows: number;
  /** A few keys without a match (never dropped silently: the rows stay, with empty lookup columns). */
  unmatched: string[];
}

interface Column {
  file: WorkspaceFile;
  column: string;
}

/**
 * Proposes joins breadth-first from the facts, one at a time: first where an available column (the facts',
 * or a joined lookup's) has the same name as a lookup's unique column (its key) and most keyed fact rows
 * find their key there; failing that, where a column's values all appear among a unique lookup column's
 * values (Northwind's shipVia → shipperID). Among such value joins the best is taken: the largest share
 * of the column's values found, then the largest share of the lookup's keys used (shipVia's 1–3 are all of
 * the shippers but not all of the regions, 1–4). Each lookup joins once.
 */
export async function proposeJoins(db: SqlRunner, facts: WorkspaceFile, lookups: WorkspaceFile[]): Promise<Join[]> {
  const joins: Join[] = [];
  const available: Column[] = facts.header.map((column) => ({ file: facts, column }));
  const pending = [...lookups];
  const uniqueCache = new Map<string, boolean>();
  const isUnique = async (f: WorkspaceFile, column: string) => {
    const key = `${f.table}.${column}`;
    if (!uniqueCache.has(key)) {
      const [r] = await db.query<{ d: number; n: number }>(
        `SELECT count(DISTINCT ${sqlIdent(column)}) AS d, count(${sqlIdent(column)}) AS n FROM ${sqlIdent(f.table)}`,
      );
      uniqueCache.set(key, Number(r.n) > 0 && Number(r.d) === Number(r.n));
    }
    return uniqueCache.get(key)!;
  };
  const overlaps = new Map<string, Overlap>();
  while (pending.length > 0) {
    let join: Join | null = null;
    for (const lookup of pending) {
      join = await joinByName(db, facts, joins, available, lookup, isUnique);
      if (join) break;
    }
    join ??= await bestValueJoin(db, facts, joins, available, pending, isUnique, overlaps);
    if (!join) break;
    const lookup = pending.find((l) => l.id === join.toFile)!;
    joins.push(join);
    available.push(...lookup.header.filter((c) => c !== join.toColumn).map((column) => ({ file: lookup, column })));
    pending.splice(pending.indexOf(lookup), 1);
  }
  return joins;
}

/**
 * The joins a user set, measured like proposed ones. A join whose file or
 * column is gone, whose target is not a lookup, or whose key column is not
 * available (neither the facts' nor a lookup's joined before) is left out.
 */
export async function chosenJoins(db: SqlRunner, facts: WorkspaceFile, files: WorkspaceFile[], choices: JoinChoice[]): Promise<Join[]> {
  const joins: Join[] = [];
  const joined = new Set<WorkspaceFile>([facts]);
  for (const c of choices) {
    const from = files.find((f) => f.fileName === c.fromFile);
    const to = files.find((f) => f.fileName === c.toFile);
    if (!from || !to || !joined.has(from) || joined.has(to) || to.role !== 'lookup') continue;
    if (!from.header.includes(c.fromColumn) || !to.header.includes(c.toColumn)) continue;
    joins.push(await measureJoin(db, facts, joins, { file: from, column: c.fromColumn }, to, c.toColumn));
    joined.add(to);
  }
  return joins;
}

/** The joins as choices (by file name), to keep or edit. */
export function joinChoices(files: WorkspaceFile[], joins: Join[]): JoinChoice[] {
  const name = (id: number) => files.find((f) => f.id === id)?.fileName ?? '';
  return joins.map((j) => ({ fromFile: name(j.fromFile), fromColumn: j.fromColumn, toFile: name(j.toFile), toColumn: j.toColumn }));
}

type UniqueCheck = (f: WorkspaceFile, column: string) => Promise<boolean>;

/** A name join must match at least this share of the keyed fact rows (a shared "phone" column is no key). */
const NAME_JOIN_SHARE = 0.5;

async function joinByName(db: SqlRunner, facts: WorkspaceFile, joins: Join[], available: Column[], lookup: WorkspaceFile, isUnique: UniqueCheck) {
  for (const to of lookup.header) {
    const from = available.find((a) => normalizeHeader(a.column) === normalizeHeader(to));
    if (!from || !(await isUnique(lookup, to))) continue;
    const join = await measureJoin(db, facts, joins, from, lookup, to);
    if (join.matchedRows > 0 && join.matchedRows >= NAME_JOIN_SHARE * join.keyedRows) return join;
  }
  return null;
}

/** Share of a column's distinct values that must be keys of the lookup for a join by values. */
const VALUE_JOIN_SHARE = 0.95;

/** How a column's distinct values meet a lookup key's: found among the keys, and keys used. */
interface Overlap {
  /** Distinct non-null values of the column. */
  values: number;
  found: number;
  keys: number;
}

async function bestValueJoin(
  db: SqlRunner,
  facts: WorkspaceFile,
  joins: Join[],
  available: Column[],
  lookups: WorkspaceFile[],
  isUnique: UniqueCheck,
  cache: Map<string, Overlap>,
): Promise<Join | null> {
  let best: { from: Column; lookup: WorkspaceFile; to: string; share: number; coverage: number } | null = null;
  let tie = false;
  for (const lookup of lookups) {
    for (const to of lookup.header) {
      if (!(await isUnique(lookup, to))) continue;
      for (const from of available) {
        if (joins.some((j) => j.fromFile === from.file.id && j.fromColumn === from.column)) continue;
        const key = `${from.file.table}.${from.column}>${lookup.table}.${to}`;
        if (!cache.has(key)) {
          const [r] = await db.query<{ d: number; hit: number; keys: number }>(
            `SELECT count(DISTINCT a.v) AS d, count(DISTINCT a.v) FILTER (WHERE b.k IS NOT NULL) AS hit, (SELECT count(*) FROM ${sqlIdent(lookup.table)} WHERE ${sqlIdent(to)} IS NOT NULL) AS keys
             FROM (SELECT DISTINCT ${sqlIdent(from.column)} AS v FROM ${sqlIdent(from.file.table)} WHERE ${sqlIdent(from.column)} IS NOT NULL) a
             LEFT JOIN (SELECT ${sqlIdent(to)} AS k FROM ${sqlIdent(lookup.table)}) b ON a.v = b.k`,
          );
          cache.set(key, { values: Number(r.d), found: Number(r.hit), keys: Number(r.keys) });
        }
        const o = cache.get(key)!;
        if (o.values < 2) continue;
        const share = o.found / o.values;
        if (share < VALUE_JOIN_SHARE) continue;
        const coverage = o.found / Math.max(1, o.keys);
        const same = best && Math.abs(share - best.share) < 1e-9 && Math.abs(coverage - best.coverage) < 1e-9;
        if (same) tie = true;
        else if (!best || share > best.share || (Math.abs(share - best.share) < 1e-9 && coverage > best.coverage)) {
          best = { from, lookup, to, share, coverage };
          tie = false;
        }
      }
    }
  }
  if (!best || tie) return null;
  return measureJoin(db, facts, joins, best.from, best.lookup, best.to);
}

/** Match counts for a join, measured on the fact rows through the joins already made. */
async function measureJoin(db: SqlRunner, facts: WorkspaceFile, joins: Join[], from: Column, lookup: WorkspaceFile, to: string): Promise<Join> {
  const key = columnRef(facts, from.file.id, from.column);
  const base = `FROM ${sqlIdent(facts.table)} f ${joinsSql(facts, joins)}`;
  const keys = `(SELECT ${sqlIdent(to)} FROM ${sqlIdent(lookup.table)} WHERE ${sqlIdent(to)} IS NOT NULL)`;
  const [r] = await db.query<{ keyed: number; matched: number }>(
    `SELECT count(${key}) AS keyed, count(${key}) FILTER (WHERE ${key} IN ${keys}) AS matched ${base}`,
  );
  const unmatched = await db.query<{ k: string }>(
    `SELECT DISTINCT ${key} AS k ${base} WHERE ${key} IS NOT NULL AND ${key} NOT IN ${keys} ORDER BY 1 LIMIT 10`,
  );
  return {
    fromFile: from.file.id,
    fromColumn: from.column,
    toFile: lookup.id,
    toColumn: to,
    keyedRows: Number(r.keyed),
    matchedRows: Number(r.matched),
    unmatched: unmatched.map((u) => String(u.k)),
  };
}

/** Table aliases: f for the facts, l<id> for each lookup (tables are named file_<id>). */
const alias = (id: number) => `l${id}`;
const columnRef = (facts: WorkspaceFile, fileId: number, column: string) =>
  fileId === facts.id ? `f.${sqlIdent(column)}` : `${alias(fileId)}.${sqlIdent(column)}`;

function joinsSql(facts: WorkspaceFile, joins: Join[]): string {
  return joins
    .map((j) => `LEFT JOIN ${sqlIdent(`file_${j.toFile}`)} ${alias(j.toFile)} ON ${columnRef(facts, j.fromFile, j.fromColumn)} = ${alias(j.toFile)}.${sqlIdent(j.toColumn)}`)
    .join('\n');
}

/**
 * The facts with every joined lookup's columns. A lookup column keeps its
 * own name when no other column has it, else it is qualified by its file
 * ("customers.companyName") so the mapping can tell them apart. Join keys of
 * lookups are not repeated.
 */
export function joinedRelationSql(
  facts: WorkspaceFile,
  files: WorkspaceFile[],
  joins: Join[],
): { sql: string; columns: string[]; origins: (ColumnOrigin | null)[] } {
  const byId = new Map(files.map((f) => [f.id, f]));
  const parts: { expr: string; column: string; file: WorkspaceFile }[] = facts.header.map((c) => ({ expr: `f.${sqlIdent(c)}`, column: c, file: facts }));
  for (const j of joins) {
    const lookup = byId.get(j.toFile);
    if (!lookup) continue;
    for (const c of lookup.header) if (c !== j.toColumn) parts.push({ expr: `${alias(lookup.id)}.${sqlIdent(c)}`, column: c, file: lookup });
  }
  const counts = new Map<string, number>();
  for (const p of parts) counts.set(normalizeHeader(p.column), (counts.get(normalizeHeader(p.column)) ?? 0) + 1);
  const columns: string[] = [];
  const origins: (ColumnOrigin | null)[] = [];
  const select = parts.map((p) => {
    const name = p.file === facts || counts.get(normalizeHeader(p.column)) === 1 ? p.column : `${p.file.name}.${p.column}`;
    columns.push(name);
    origins.push(p.file === facts ? null : { table: p.file.name, column: p.column });
    return `${p.expr} AS ${sqlIdent(name)}`;
  });
  return { sql: `SELECT ${select.join(', ')} FROM ${sqlIdent(facts.table)} f\n${joinsSql(facts, joins)}`, columns, origins };
}


/**
 * The facts joined to their lookups as view `joined_<facts id>`, with its first rows as text and the
 * mapping and formats proposed from them (the page and scripts/prepare-workspace.ts both start here).
 * Facts with no date column but a year and a month column (a monthly summary) get their "year + month"
 * column as the date, as a single file does (load-plan.ts proposeWithYearMonth).
 */
export async function joinedSource(db: SqlRunner, facts: WorkspaceFile, files: WorkspaceFile[], joins: Join[]) {
  const relation = joinedRelationSql(facts, files, joins);
  const view = `joined_${facts.id}`;
  await db.query(`CREATE OR REPLACE VIEW ${sqlIdent(view)} AS ${relation.sql}`);
  const sampleRows = await db.query<Record<string, unknown>>(`SELECT * FROM ${sqlIdent(view)} LIMIT ${MAPPING_SAMPLE_ROWS}`);
  const text = sampleRows.map((r) => relation.columns.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c]))));
  const { header, rows, derived, proposal } = proposeWithYearMonth(relation.columns, text, relation.origins);
  const joined = derived ? { sql: `SELECT * FROM ${withYearMonthSql(`(${relation.sql})`, derived)}`, columns: header, origins: [...relation.origins, null] } : relation;
  if (derived) await db.query(`CREATE OR REPLACE VIEW ${sqlIdent(view)} AS ${joined.sql}`);
  return { joined, view, rows, proposal, detected: detectFormats(header, rows, proposal.mapping) };
}
