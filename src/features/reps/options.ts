/** #/reps' options (`o.w.<kpi>`: each KPI's weight in the score): one codec (lib/share/view-options.ts). */
import { numberOption, optionsCodec, type OptionField } from '../../lib/share/view-options';
import { DEFAULT_WEIGHTS, REP_KPIS, type RepKpi } from '../../lib/analyses/rep-scorecard';

export const weightKey = (k: RepKpi) => `w.${k}`;

export const repsOptions = optionsCodec(Object.fromEntries(REP_KPIS.map((k) => [weightKey(k), numberOption(DEFAULT_WEIGHTS[k], { min: 0 })])) as Record<string, OptionField<number>>);

/** The weights the options set, by KPI. */
export function weightsOf(options: Readonly<Record<string, number>>): Record<RepKpi, number> {
  return Object.fromEntries(REP_KPIS.map((k) => [k, options[weightKey(k)]])) as Record<RepKpi, number>;
}
