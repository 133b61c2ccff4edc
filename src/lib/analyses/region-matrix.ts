/**
 * A two-dimension matrix (region × category, channel × category): revenue
 * per cell in the current and the comparison period, and each cell's share
 * of its row. Pure: params → SQL → typed rows.
 */
import type { SqlRunner } from '../engine/types';
import type { DateRange } from '../model/period';
import type { Dimension } from '../model/schema';
import { sqlIdent } from '../model/sql';
import { dateInRange, dimensionPredicates, whereClause, type DimensionFilters } from '../model/where';
import { sumsSource } from '../warehouse/sources';
import type { Basis } from '../model/view-state';

export interface MatrixParams {
  rowDim: Dimension;
  colDim: Dimension;
  current: DateRange;
  comparison: DateRange;
  filters: DimensionFilters;
  basis: Basis;
}

export interface MatrixCell {
  row: string | null;
  col: string | null;
  revenue: number;
  comparison: number;
  /** revenue / the row's revenue (null when the row has none). */
  rowShare: number | null;
}

export function matrixSql(p: MatrixParams): string {
  const c = dateInRange(p.current);
  const k = dateInRange(p.comparison);
  return `WITH m AS (
  SELECT ${sqlIdent(p.rowDim)} AS row_member, ${sqlIdent(p.colDim)} AS col_member,
    coalesce(sum(amount) FILTER (WHERE ${c}), 0) AS revenue,
    coalesce(sum(amount) FILTER (WHERE ${k}), 0) AS comparison
  FROM ${sumsSource(p.filters, [p.rowDim, p.colDim])} ${whereClause([...dimensionPredicates(p.filters, p.basis), `(${c} OR ${k})`])}
  GROUP BY 1, 2
)
SELECT row_member, col_member, revenue, comparison,
  CASE WHEN sum(revenue) OVER (PARTITION BY row_member) <> 0 THEN revenue / sum(revenue) OVER (PARTITION BY row_member) END AS row_share
FROM m ORDER BY row_member NULLS LAST, col_member NULLS LAST`;
}

export async function queryMatrix(db: SqlRunner, p: MatrixParams, signal?: AbortSignal): Promise<MatrixCell[]> {
  const rows = await db.query<Record<string, unknown>>(matrixSql(p), { signal });
  return rows.map((r) => ({
    row: (r.row_member as string | null) ?? null,
    col: (r.col_member as string | null) ?? null,
    revenue: Number(r.revenue),
    comparison: Number(r.comparison),
    rowShare: r.row_share === null || r.row_share === undefined ? null : Number(r.row_share),
  }));
}
