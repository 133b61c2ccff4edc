/**
 * Phasing an annual target into its fiscal months (DESIGN.md): by last year's
 * monthly shares, by the mean of several years' shares, evenly, or by custom
 * weights. The months add up to the annual amount to the cent.
 */
import { splitToCents } from './split';

export const PHASING_METHODS = ['last-year', 'mean-years', 'even', 'custom'] as const;
export type PhasingMethod = (typeof PHASING_METHODS)[number];

/** A year's monthly sales as shares of its total; negatives (net returns) count as zero. */
export function monthlyShares(months: number[]): number[] {
  const clipped = months.map((m) => Math.max(0, m));
  const total = clipped.reduce((a, b) => a + b, 0);
  return total > 0 ? clipped.map((m) => m / total) : months.map(() => 0);
}

/** The mean of each year's shares (years without sales are left out), so a big year does not dominate. */
export function meanShares(years: number[][], months = 12): number[] {
  const usable = years.map(monthlyShares).filter((s) => s.some((x) => x > 0));
  if (usable.length === 0) return new Array(months).fill(0);
  return Array.from({ length: months }, (_, i) => usable.reduce((a, s) => a + (s[i] ?? 0), 0) / usable.length);
}

export interface PhasingInput {
  method: PhasingMethod;
  /** Monthly sales of past fiscal years, most recent last, each 12 values in fiscal order. */
  history?: number[][];
  /** For 'custom'. */
  weights?: number[];
}

/** The 12 monthly weights for a method; all zero (no history) falls back to an even split in splitToCents. */
export function phasingWeights(input: PhasingInput, months = 12): number[] {
  switch (input.method) {
    case 'even':
      return new Array(months).fill(1);
    case 'custom': {
      const w = input.weights ?? [];
      if (w.length !== months) throw new Error(`custom phasing needs ${months} weights, got ${w.length}`);
      return w;
    }
    case 'last-year': {
      const last = input.history?.at(-1);
      return last ? monthlyShares(last) : new Array(months).fill(0);
    }
    case 'mean-years':
      return meanShares(input.history ?? [], months);
  }
}

export function phaseAnnual(total: number, input: PhasingInput, months = 12): number[] {
  return splitToCents(total, phasingWeights(input, months));
}
