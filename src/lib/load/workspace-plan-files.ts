/**
 * The plan files of a workspace, once `sales` points at it: its targets file
 * (the plan in force), its budget file, and the reps' titles and territories
 * from its lookups.
 */
import { normalizeHeader } from '../ingest/header-synonyms';
import type { SqlRunner } from '../engine/types';
import { sqlIdent } from '../model/sql';
import { detectTargetsLayout, loadTargetsTable, type TargetsLoad, type UnitNames } from './targets-file';
import { loadBudgetTable, type BudgetLoad } from './budget-file';
import type { WorkspaceFile } from './workspace-classify';
import type { WorkspaceShape } from './workspace-files';

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
