/**
 * A published workspace cut for one audience (scripts/lib/prepare/audience.ts writes it): the manifest
 * says which slice it holds, so the page can say so and not offer filters on the scoped dimension.
 */
export const AUDIENCE_DIMENSIONS = ['region', 'team', 'rep', 'channel', 'category'] as const;
export type AudienceDimension = (typeof AUDIENCE_DIMENSIONS)[number];

export interface Audience {
  dimension: AudienceDimension;
  values: string[];
}

export interface WorkspaceAudience extends Audience {
  /** The company target pro-rated to the audience: its share of sales in `basedOn`, per fiscal year. */
  companyShares: { fiscalYear: number; share: number; basedOn: number }[];
}

/** The manifest's `audience`, or null when it has none or one that does not parse. */
export function audienceOf(value: unknown): WorkspaceAudience | null {
  const a = value as Partial<WorkspaceAudience> | null;
  if (!a || typeof a !== 'object' || !(AUDIENCE_DIMENSIONS as readonly string[]).includes(a.dimension as string)) return null;
  if (!Array.isArray(a.values) || a.values.length === 0 || !a.values.every((v) => typeof v === 'string')) return null;
  const shares = Array.isArray(a.companyShares)
    ? a.companyShares.filter((s) => s && Number.isFinite(s.fiscalYear) && Number.isFinite(s.share) && Number.isFinite(s.basedOn))
    : [];
  return { dimension: a.dimension as AudienceDimension, values: [...a.values], companyShares: shares.map((s) => ({ fiscalYear: Number(s.fiscalYear), share: Number(s.share), basedOn: Number(s.basedOn) })) };
}
