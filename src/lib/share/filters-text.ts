import { DIMENSIONS, type Dimension } from '../model/schema';

/** "Region: 华东, 华南; Channel: 线上商城" (labels from the caller, so it follows the UI language). */
export function filtersText(filters: Partial<Record<Dimension, string[]>>, label: (dim: Dimension) => string): string {
  return DIMENSIONS.filter((d) => (filters[d]?.length ?? 0) > 0)
    .map((d) => `${label(d)}: ${(filters[d] ?? []).join(', ')}`)
    .join('; ');
}
