/**
 * Several related files at once (an ERP's order lines plus its lookup tables,
 * e.g. Adventure Works or Northwind): each file becomes a text table, is
 * classified, and lookups are joined to the facts through proposed keys.
 * The joined relation is then mapped and loaded like a single file.
 */
import { proposeMapping, type ColumnOrigin } from '../ingest/mapping';
import { normalizeHeader } from '../ingest/header-synonyms';
import type { SqlRunner } from '../engine/types';
import { sqlIdent } from '../model/sql';
import { missingRequired } from '../ingest/mapping';
import { LoadError, type LoadWarning } from './errors';
import { detectTargetsLayout, loadTargetsTable, type TargetsLoad, type UnitNames } from './targets-file';
import { detectBudgetLayout, loadBudgetTable, type BudgetLoad } from './budget-file';
import { raggedRows, sniffText, type Sniff } from '../ingest/sniff';
import { decodeHead, detectEncoding } from '../ingest/encoding';
import type { SourceKind } from './sales-table';
import {
  buildSalesTable,
  checkFile,
  csvRelation,
  detectFormats,
  savedFormats,
  MAPPING_SAMPLE_ROWS,
  type LoadedSource,
  type SavedChoices,
  type JoinChoice,
  isParquetFile,
  nextLoadId,
  openTextFile,
  readHead,
  type LoadEngine,
  type ProgressFn,
} from './load-file';

export type FileRole = 'sales' | 'lookup' | 'targets' | 'budget' | 'ignored';

export interface WorkspaceFile {
  id: number;
  fileName: string;
  /** Short name used to qualify its columns ("Product.csv" → "Product"). */
  name: string;
  /** The engine table holding the file as text. */
  table: string;
  header: string[];
  rows: number;
  encoding: string | null;
  delimiter: string | null;
  role: FileRole;
  sample: string[][];
  warnings: LoadWarning[];
}

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

const MONTH_COLUMN = /^(m|month)?0?([1-9]|1[0-2])$|^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$|^([1-9]|1[0-2])月$/;
const TARGET_WORD = /target|quota|plan|budgetamount|目标|指标|任务/;

const BUDGET_WORD = /budget|预算/;

/**
 * Classifies a file from its header and sample (and its name, for a budget
 * whose header does not say so): sales facts, targets, a budget, or a lookup.
 */
export function classifyFile(header: string[], rows: string[][], fileName = ''): FileRole {
  const normalized = header.map(normalizeHeader);
  const saysBudget = normalized.some((h) => BUDGET_WORD.test(h)) || BUDGET_WORD.test(fileName.toLowerCase());
  if (saysBudget && detectBudgetLayout(header, rows)) return 'budget';
  const monthColumns = normalized.filter((h) => MONTH_COLUMN.test(h)).length;
  if (monthColumns >= 6 || normalized.some((h) => TARGET_WORD.test(h))) return 'targets';
  const { mapping } = proposeMapping(header, rows.slice(0, 200));
  const hasAmount = !missingRequired(mapping).includes('amount');
  return hasAmount ? 'sales' : 'lookup';
}

function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '_');
}

/** Classifies a file from its head alone (no engine): 'ignored' when it cannot be read as text. */
export async function classifyFileHead(file: File): Promise<FileRole> {
  try {
    const head = await readHead(file);
    if (isParquetFile(file, head)) return 'sales';
    const guess = detectEncoding(head);
    const sniff = sniffText(decodeHead(head, guess), file.size <= head.length);
    return classifyFile(sniff.header, sniff.rows, file.name);
  } catch {
    return 'ignored';
  }
}

const FILE_ROLES: FileRole[] = ['sales', 'lookup', 'targets', 'budget', 'ignored'];

/** Loads each file as a text table (nothing parsed yet) and classifies it, unless the user chose its role. */
export async function openWorkspaceFiles(
  db: LoadEngine,
  files: File[],
  progress: ProgressFn = () => {},
  roles: Record<string, string> = {},
): Promise<WorkspaceFile[]> {
  const out: WorkspaceFile[] = [];
  for (const file of files) {
    checkFile(file);
    progress('reading', out.length / files.length);
    const id = nextLoadId();
    const head = await readHead(file);
    if (isParquetFile(file, head)) throw new LoadError('unsupported-type', { file: file.name, detail: 'parquet (several files at once)' });
    const { guess, sniff, registered } = await openTextFile(db, file, id, head, progress);
    const chosen = roles[file.name] as FileRole | undefined;
    const role = chosen && FILE_ROLES.includes(chosen) ? chosen : classifyFile(sniff.header, sniff.rows, file.name);
    out.push(await readTextFile(db, { id, fileName: file.name, readable: registered, sniff, role, encoding: guess.encoding + (guess.bom ? ' (BOM)' : '') }));
  }
  return out;
}

/**
 * Reads a delimited text file (`readable`: a name DuckDB can open) into table `file_<id>`, every column text.
 * A lookup with unquoted delimiters inside a field (Northwind's addresses) still gives its keys and names,
 * which come first, so it is read leniently with a warning; the facts never are.
 */
export async function readTextFile(
  db: SqlRunner,
  f: { id: number; fileName: string; readable: string; sniff: Sniff; role: FileRole; encoding: string | null },
): Promise<WorkspaceFile> {
  const { sniff } = f;
  const table = `file_${f.id}`;
  const warnings: LoadWarning[] = [];
  const read = (tolerant: boolean) =>
    db.query(`CREATE OR REPLACE TABLE ${sqlIdent(table)} AS SELECT * FROM ${csvRelation(f.readable, sniff.delimiter, sniff.quoteChar || '"', sniff.header, {}, tolerant)}`);
  try {
    await read(false);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const line = /Line: (\d+)/.exec(message);
    if (f.role === 'sales' || !/Expected Number of Columns/.test(message)) {
      throw new LoadError('read-failed', { file: f.fileName, row: line ? Number(line[1]) : undefined, detail: message.split('\n')[0] });
    }
    await read(true);
    warnings.push({ code: 'ragged-rows', facts: { file: f.fileName, row: line ? Number(line[1]) : undefined, count: raggedRows(sniff).length } });
  }
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${sqlIdent(table)}`);
  return {
    id: f.id,
    fileName: f.fileName,
    name: baseName(f.fileName),
    table,
    header: sniff.header,
    rows: Number(n),
    encoding: f.encoding,
    delimiter: sniff.delimiter,
    role: f.role,
    sample: sniff.rows.slice(0, 200),
    warnings,
  };
}

/** The facts: the largest file classified as sales. */
export function chooseFacts(files: WorkspaceFile[]): WorkspaceFile | null {
  const sales = files.filter((f) => f.role === 'sales').sort((a, b) => b.rows - a.rows);
  return sales[0] ?? null;
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
 */
export async function joinedSource(db: SqlRunner, facts: WorkspaceFile, files: WorkspaceFile[], joins: Join[]) {
  const joined = joinedRelationSql(facts, files, joins);
  const view = `joined_${facts.id}`;
  await db.query(`CREATE OR REPLACE VIEW ${sqlIdent(view)} AS ${joined.sql}`);
  const sampleRows = await db.query<Record<string, unknown>>(`SELECT * FROM ${sqlIdent(view)} LIMIT ${MAPPING_SAMPLE_ROWS}`);
  const rows = sampleRows.map((r) => joined.columns.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c]))));
  const proposal = proposeMapping(joined.columns, rows, joined.origins);
  return { joined, view, rows, proposal, detected: detectFormats(joined.columns, rows, proposal.mapping) };
}

/** A multi-file workspace: its files, the joins used, and the loaded sales source. */
export interface LoadedWorkspace {
  files: WorkspaceFile[];
  facts: WorkspaceFile;
  joins: Join[];
  source: LoadedSource;
  /** For each column of source.header: the lookup it came from (null for the facts' own columns). */
  origins: (ColumnOrigin | null)[];
}

/** What the targets, budget and territories of a workspace need of it (prepare-workspace has no LoadedSource). */
export type WorkspaceShape = Pick<LoadedWorkspace, 'files' | 'joins' | 'origins'> & { source: Pick<LoadedSource, 'mapping' | 'header'> };

/**
 * Loads several files as one workspace: classify, join the lookups to the
 * facts, map the joined columns, build the canonical table (staged and
 * checked like a single file). Saved choices (a restored workspace) replace
 * the proposed mapping when they still fit.
 */
export async function loadWorkspaceFiles(
  db: LoadEngine,
  files: File[],
  progress: ProgressFn = () => {},
  saved?: SavedChoices,
): Promise<LoadedWorkspace> {
  const opened = await openWorkspaceFiles(db, files, progress, saved?.workspace?.roles);
  const facts = chooseFacts(opened);
  if (!facts) {
    // No file has an amount the app can tell: the error card offers the columns of the largest table-like
    // file (the facts are the longest file), to pick its date and amount and load it as the sales.
    const candidate = opened.filter((f) => f.role === 'lookup').sort((a, b) => b.rows - a.rows)[0];
    throw new LoadError('no-amount', {
      file: files.map((f) => f.name).join(', '),
      detail: opened.map((f) => `${f.fileName}: ${f.header.join(', ')}`).join(' · '),
      ...(candidate ? { factsFile: candidate.fileName, columns: candidate.header, proposed: proposeMapping(candidate.header, candidate.sample).mapping } : {}),
    });
  }
  const lookups = opened.filter((f) => f.role === 'lookup');
  const joins = saved?.workspace?.joins ? await chosenJoins(db, facts, opened, saved.workspace.joins) : await proposeJoins(db, facts, lookups);
  const { joined, view, rows, proposal, detected } = await joinedSource(db, facts, opened, joins);
  const fits = !!saved && Object.values(saved.mapping).every((c) => c && joined.columns.includes(c));
  const mapping = !fits ? proposal.mapping : saved.workspace?.fillMapping ? { ...proposal.mapping, ...saved.mapping } : saved.mapping;
  const formats =
    saved && mapping === saved.mapping
      ? { ...detectFormats(joined.columns, rows, mapping), ...savedFormats(saved) }
      : mapping === proposal.mapping
        ? detected
        : detectFormats(joined.columns, rows, mapping);
  const source = await buildSalesTable(
    db,
    {
      fileName: files.length > 1 ? `${facts.fileName} + ${files.length - 1}` : facts.fileName,
      fileSize: files.reduce((a, f) => a + f.size, 0),
      format: 'csv',
      encoding: facts.encoding,
      delimiter: facts.delimiter,
      header: joined.columns,
      preview: rows.slice(0, 20),
      columnKinds: Object.fromEntries(joined.columns.map((c) => [c, 'text' as SourceKind])),
      relation: sqlIdent(view),
      mapping,
      mappingReasons: proposal.reasons,
      ...formats,
      table: `sales_data_${facts.id}`,
      warnings: opened.flatMap((f) => f.warnings),
    },
    progress,
  );
  return { files: opened, facts, joins, source, origins: joined.origins };
}

/**
 * Makes the workspace's targets file (the first one) the plan in force.
 * Call after the `sales` view points at this workspace: units and the
 * amount scale are matched against its sales.
 */
export async function applyWorkspaceTargets(db: SqlRunner, loaded: WorkspaceShape): Promise<TargetsLoad | null> {
  const file = loaded.files.find((f) => f.role === 'targets');
  if (!file) return null;
  const layout = detectTargetsLayout(file.header, file.sample);
  if (!layout) return null;
  return loadTargetsTable(db, file.table, file.header, file.sample, file.fileName, unitNames(loaded, layout.unitColumn, layout.unitType), `targets_file_${file.id}`);
}

/** Makes the workspace's budget file (the first one) the `budget` view. Call after `sales` points at this workspace. */
export async function applyWorkspaceBudget(db: SqlRunner, loaded: WorkspaceShape): Promise<BudgetLoad | null> {
  const file = loaded.files.find((f) => f.role === 'budget');
  return file ? loadBudgetTable(db, file.table, file.header, file.sample, `budget_file_${file.id}`) : null;
}

/** How a targets file's unit keys become the sales' names (null: it names units as the sales do, or is no targets file). */
export function targetUnitNames(loaded: WorkspaceShape, header: string[], rows: string[][]): UnitNames | null {
  const layout = detectTargetsLayout(header, rows);
  return layout ? unitNames(loaded, layout.unitColumn, layout.unitType) : null;
}

/**
 * When targets name their unit by a key (EmployeeID), the lookup that has
 * that key and holds the names the sales use for that unit (Salesperson).
 */
function unitNames(loaded: WorkspaceShape, unitColumn: string | null, unitType: string): UnitNames | null {
  if (!unitColumn) return null;
  const mapped = loaded.source.mapping[unitType as keyof typeof loaded.source.mapping];
  if (!mapped) return null;
  const origin = loaded.origins[loaded.source.header.indexOf(mapped)];
  if (!origin) return null;
  const lookup = loaded.files.find((f) => f.name === origin.table && f.role === 'lookup');
  const key = lookup?.header.find((h) => normalizeHeader(h) === normalizeHeader(unitColumn));
  return lookup && key ? { lookupTable: lookup.table, keyColumn: key, nameColumn: origin.column } : null;
}

/** Headers of a job title column ('Title', 'Job Title', 'Position', '职位', '职务', '岗位'). */
const TITLE_HEADERS = new Set(['title', 'jobtitle', 'position', 'role', '职位', '职务', '岗位', '头衔']);

/**
 * The reps' job titles, when the lookup that names them has a title column
 * (Adventure Works' Salesperson.Title): the `rep_titles` view (rep, title),
 * from which target-status finds the managers among the reps.
 */
async function applyRepTitles(db: SqlRunner, reps: WorkspaceFile, name: string): Promise<void> {
  const title = reps.header.find((h) => TITLE_HEADERS.has(normalizeHeader(h)));
  if (!title) return;
  await db.query(`CREATE OR REPLACE VIEW rep_titles AS
SELECT DISTINCT CAST(${sqlIdent(name)} AS VARCHAR) AS rep, CAST(${sqlIdent(title)} AS VARCHAR) AS title
FROM ${sqlIdent(reps.table)} WHERE ${sqlIdent(name)} IS NOT NULL AND ${sqlIdent(title)} IS NOT NULL`);
}

/**
 * Sales territories from a bridge table (Adventure Works' SalespersonRegion:
 * EmployeeKey|SalesTerritoryKey): a lookup that joined nothing, with one
 * column named like a key of the lookup that names the reps and one named
 * like a key of the lookup that names the regions. Creates the `rep_regions`
 * view (rep, region) in the names the sales use, for territory credit (and
 * `rep_titles` when the reps' lookup has a title column). Returns whether it
 * made the territories.
 */
export async function applyWorkspaceTerritories(db: SqlRunner, loaded: WorkspaceShape): Promise<boolean> {
  const lookupOf = (field: 'rep' | 'region') => {
    const mapped = loaded.source.mapping[field];
    const origin = mapped ? loaded.origins[loaded.source.header.indexOf(mapped)] : null;
    const file = origin ? loaded.files.find((f) => f.name === origin.table && f.role === 'lookup') : undefined;
    return file && origin ? { file, name: origin.column } : null;
  };
  const reps = lookupOf('rep');
  const regions = lookupOf('region');
  if (reps) await applyRepTitles(db, reps.file, reps.name);
  if (!reps || !regions || reps.file === regions.file) return false;
  const joined = new Set(loaded.joins.map((j) => j.toFile));
  const isKey = async (f: WorkspaceFile, column: string) => {
    const [r] = await db.query<{ d: number; n: number }>(`SELECT count(DISTINCT ${sqlIdent(column)}) AS d, count(${sqlIdent(column)}) AS n FROM ${sqlIdent(f.table)}`);
    return Number(r.n) > 0 && Number(r.d) === Number(r.n);
  };
  const keyIn = async (bridge: WorkspaceFile, lookup: WorkspaceFile) => {
    for (const column of bridge.header) {
      const key = lookup.header.find((h) => normalizeHeader(h) === normalizeHeader(column));
      if (key && (await isKey(lookup, key))) return { column, key };
    }
    return null;
  };
  for (const bridge of loaded.files) {
    if (bridge.role !== 'lookup' || joined.has(bridge.id) || bridge === reps.file || bridge === regions.file) continue;
    const toRep = await keyIn(bridge, reps.file);
    const toRegion = toRep ? await keyIn(bridge, regions.file) : null;
    if (!toRep || !toRegion || toRep.column === toRegion.column) continue;
    await db.query(`CREATE OR REPLACE VIEW rep_regions AS
SELECT DISTINCT CAST(r.${sqlIdent(reps.name)} AS VARCHAR) AS rep, CAST(g.${sqlIdent(regions.name)} AS VARCHAR) AS region
FROM ${sqlIdent(bridge.table)} b
JOIN ${sqlIdent(reps.file.table)} r ON b.${sqlIdent(toRep.column)} = r.${sqlIdent(toRep.key)}
JOIN ${sqlIdent(regions.file.table)} g ON b.${sqlIdent(toRegion.column)} = g.${sqlIdent(toRegion.key)}
WHERE r.${sqlIdent(reps.name)} IS NOT NULL AND g.${sqlIdent(regions.name)} IS NOT NULL`);
    return true;
  }
  return false;
}
