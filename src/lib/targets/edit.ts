/**
 * Editing one cell of a target plan (a unit's month). The user chooses:
 * - 'rebalance': the unit's siblings under the same parent absorb the change
 *   in proportion to their amounts, so the parent's month still reconciles to
 *   the cent; an amount above what the siblings hold is refused;
 * - 'flag': only the cell changes; the parent then shows the gap as over- or
 *   under-allocated (allocationGaps).
 * Either way the edited unit's own children (and theirs) are rescaled to its
 * new amount, so the levels below stay consistent with it.
 */
import type { TargetRow } from './plan';
import { splitToCents, toCents } from './split';

export type EditMode = 'rebalance' | 'flag';

export interface CellKey {
  period: string;
  unit_type: string;
  unit: string;
}

/** A unit's parent in the plan (rep → team → company), or null at the top. */
export type ParentOf = (unitType: string, unit: string) => { unit_type: string; unit: string } | null;

export class PlanEditError extends Error {
  constructor(
    readonly code: 'unknown-cell' | 'exceeds-parent' | 'negative',
    readonly available?: number,
  ) {
    super(code);
    this.name = 'PlanEditError';
  }
}

const same = (a: CellKey, b: CellKey) => a.period === b.period && a.unit_type === b.unit_type && a.unit === b.unit;
const isChildOf = (r: TargetRow, parent: CellKey, parentOf: ParentOf) => {
  if (r.period !== parent.period) return false;
  const p = parentOf(r.unit_type, r.unit);
  return !!p && p.unit_type === parent.unit_type && p.unit === parent.unit;
};

export function editPlanCell(rows: readonly TargetRow[], cell: CellKey, amount: number, mode: EditMode, parentOf: ParentOf): TargetRow[] {
  if (toCents(amount) < 0) throw new PlanEditError('negative');
  const out = rows.map((r) => ({ ...r }));
  const target = out.find((r) => same(r, cell));
  if (!target) throw new PlanEditError('unknown-cell');
  const changed: TargetRow[] = [target];
  const parent = parentOf(cell.unit_type, cell.unit);
  if (mode === 'rebalance' && parent) {
    const siblings = out.filter((r) => r !== target && r.unit_type === cell.unit_type && isChildOf(r, { ...parent, period: cell.period }, parentOf));
    const total = toCents(target.amount) + siblings.reduce((s, r) => s + toCents(r.amount), 0);
    const remainder = total - toCents(amount);
    if (remainder < 0 || (siblings.length === 0 && remainder !== 0)) throw new PlanEditError('exceeds-parent', total / 100);
    const parts = splitToCents(remainder / 100, siblings.map((r) => Math.max(0, r.amount)));
    siblings.forEach((r, i) => (r.amount = parts[i]));
    changed.push(...siblings);
  }
  target.amount = toCents(amount) / 100;
  // Each changed unit's children follow it, level by level.
  for (let queue = changed; queue.length > 0; ) {
    const next: TargetRow[] = [];
    for (const unit of queue) {
      const children = out.filter((r) => isChildOf(r, unit, parentOf));
      if (children.length === 0) continue;
      const parts = splitToCents(unit.amount, children.map((c) => Math.max(0, c.amount)));
      children.forEach((c, i) => (c.amount = parts[i]));
      next.push(...children);
    }
    queue = next;
  }
  return out;
}

export interface AllocationGap {
  period: string;
  unit_type: string;
  unit: string;
  /** The unit's own target minus the sum of its children's: > 0 unallocated, < 0 over-allocated (cents exact). */
  gap: number;
}

/** Every parent month whose children do not add up to it. */
export function allocationGaps(rows: readonly TargetRow[], parentOf: ParentOf): AllocationGap[] {
  const sums = new Map<string, number>();
  const key = (period: string, unitType: string, unit: string) => `${period}\u0000${unitType}\u0000${unit}`;
  for (const r of rows) {
    const p = parentOf(r.unit_type, r.unit);
    if (!p) continue;
    const k = key(r.period, p.unit_type, p.unit);
    sums.set(k, (sums.get(k) ?? 0) + toCents(r.amount));
  }
  const gaps: AllocationGap[] = [];
  for (const r of rows) {
    const children = sums.get(key(r.period, r.unit_type, r.unit));
    if (children === undefined) continue;
    const gap = toCents(r.amount) - children;
    if (gap !== 0) gaps.push({ period: r.period, unit_type: r.unit_type, unit: r.unit, gap: gap / 100 });
  }
  return gaps;
}
