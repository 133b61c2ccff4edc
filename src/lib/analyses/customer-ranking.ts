/**
 * The period's customers ranked two ways in one query, since both start from
 * every customer's revenue in the window: concentration and the Pareto curve
 * (customer-concentration.ts) and RFM scores, segments and the searchable
 * customer list (rfm.ts). One pass over the sales instead of two.
 */
import type { SqlRunner } from '../engine/types';
import { concentrationCtes, concentrationFromRows, type ConcentrationResult } from './customer-concentration';
import { rfmCtes, rfmFromRows, rfmResultCtes, type RfmParams, type RfmResult } from './rfm';

export interface RankingOptions {
  /** Customer list: a literal, case-insensitive substring of the name. */
  search?: string;
  /** Customer list length. */
  limit?: number;
  /** About this many Pareto points. */
  maxPoints?: number;
}

export type CustomerRanking = ConcentrationResult & RfmResult;

export function customerRankingSql(p: RfmParams, o: RankingOptions = {}): string {
  return `WITH ${rfmCtes(p)},
customer_revenue AS (SELECT customer, monetary AS revenue FROM per_customer),
${concentrationCtes('customer_revenue', o.maxPoints)},
${rfmResultCtes(o.search, o.limit)}
SELECT 'pareto' AS kind, * FROM pareto_rows
UNION ALL BY NAME SELECT * FROM segments
UNION ALL BY NAME SELECT * FROM listed
ORDER BY kind, rank, position`;
}

export async function queryCustomerRanking(db: SqlRunner, p: RfmParams, o: RankingOptions = {}, signal?: AbortSignal): Promise<CustomerRanking> {
  const rows = await db.query<Record<string, unknown>>(customerRankingSql(p, o), { signal });
  return { ...concentrationFromRows(rows.filter((r) => r.kind === 'pareto')), ...rfmFromRows(rows) };
}
