/** #/targets' options (`o.*` in the URL): one codec, read and written only through it (lib/share/view-options.ts). */
import { choiceOption, numberOption, optionsCodec, percentOption, textOption } from '../../lib/share/view-options';
import { DEFAULT_THRESHOLDS, PERIOD_KINDS, type PeriodKind } from '../../lib/targets/pacing';
import { DEFAULT_SHARE_YEARS } from '../../lib/targets/market-share';
import { CREDIT_RULES, PLAN_VERSIONS } from '../../lib/analyses/target-status';

export const TARGET_SORTS = ['name', 'attainment', 'gap'] as const;

export const targetsOptions = optionsCodec({
  /** The unit type shown (checked against the plan's levels by the view). */
  level: textOption,
  /** The unit whose detail is open. */
  unit: textOption,
  /** Links made before the page's period switch became the filter bar's period: moved to the bar on opening. */
  kind: choiceOption<'' | PeriodKind>(['', ...PERIOD_KINDS]),
  credit: choiceOption(CREDIT_RULES),
  plan: choiceOption(PLAN_VERSIONS),
  sort: choiceOption(TARGET_SORTS),
  ahead: percentOption(DEFAULT_THRESHOLDS.ahead),
  onpace: percentOption(DEFAULT_THRESHOLDS.onPace),
  atrisk: percentOption(DEFAULT_THRESHOLDS.atRisk),
  /** The market-share target, in percent (unset until chosen). */
  share: numberOption(null, { min: 0, max: 100 }),
  shareyears: numberOption(DEFAULT_SHARE_YEARS, { min: 1, max: 10, integer: true }),
});
