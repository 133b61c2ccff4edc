/**
 * Several related files at once (an ERP's order lines plus its lookup tables,
 * e.g. Adventure Works or Northwind): each file becomes a text table, is
 * classified, and lookups are joined to the facts through proposed keys.
 * The joined relation is then mapped and loaded like a single file.
 */
import { proposeMapping, type ColumnOrigin } from '../ingest/mapping';
import { sqlIdent } from '../model/sql';
import { LoadError } from './errors';
import type { SourceKind } from './sales-table';
import { savedFormats, type LoadEngine, type LoadedSource, type ProgressFn, type SavedChoices } from './loaded-source';
import { detectFormats } from './load-plan';
import { buildSalesTable } from './build-sales-table';
import { chooseFacts, openWorkspaceFiles, type WorkspaceFile } from './workspace-classify';
import { chosenJoins, joinedSource, proposeJoins, type Join } from './workspace-joins';

// Its parts: workspace-classify.ts (each file's role and text table), workspace-joins.ts (the joins and the
// joined relation), workspace-plan-files.ts (targets, budget, territories); this module loads the workspace.
export { chooseFacts, classifyFile, classifyFileHead, openWorkspaceFiles, readTextFile, type FileRole, type WorkspaceFile } from './workspace-classify';
export { chosenJoins, joinChoices, joinedRelationSql, joinedSource, proposeJoins, type Join } from './workspace-joins';
export { applyWorkspaceBudget, applyWorkspaceTargets, applyWorkspaceTerritories, targetUnitNames } from './workspace-plan-files';

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
