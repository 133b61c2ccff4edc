/**
 * Cascading a target down the hierarchy (company → team → rep, or to regions
 * or categories): by last year's share, evenly, or by custom weights. Each
 * month is split on its own, so every month and the year reconcile to the cent.
 */
import { splitToCents } from './split';

export const CASCADE_METHODS = ['last-year', 'even', 'custom'] as const;
export type CascadeMethod = (typeof CASCADE_METHODS)[number];

export interface Child {
  unit: string;
  /** Last year's sales (for 'last-year') or the custom weight; negatives count as zero for shares. */
  weight: number;
}

export function cascadeWeights(method: CascadeMethod, children: Child[]): number[] {
  if (method === 'even') return children.map(() => 1);
  if (method === 'last-year') return children.map((c) => Math.max(0, c.weight));
  for (const c of children) if (!(c.weight >= 0)) throw new Error(`custom weight of ${c.unit} must be non-negative`);
  return children.map((c) => c.weight);
}

/** Splits each month's parent amount among the children; result[child][month]. */
export function cascadeMonths(monthly: number[], method: CascadeMethod, children: Child[]): Map<string, number[]> {
  const weights = cascadeWeights(method, children);
  const out = new Map<string, number[]>(children.map((c) => [c.unit, []]));
  for (const amount of monthly) {
    const parts = splitToCents(amount, weights);
    children.forEach((c, i) => out.get(c.unit)!.push(parts[i]));
  }
  return out;
}
