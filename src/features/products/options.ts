/** #/products' options (`o.*` in the URL): one codec, read and written only through it (lib/share/view-options.ts). */
import { choiceOption, numberOption, optionsCodec, percentOption } from '../../lib/share/view-options';
import { DEFAULT_A, DEFAULT_B } from '../../lib/analyses/abc-pareto';
import { DEFAULT_IDLE_DAYS, DEFAULT_SLOW_WINDOW_DAYS } from '../../lib/analyses/slow-movers';

export const productsOptions = optionsCodec({
  by: choiceOption(['product', 'category']),
  /** ABC class limits: cumulative shares of revenue, 1–100 %. */
  a: percentOption(DEFAULT_A, 1, 100),
  b: percentOption(DEFAULT_B, 1, 100),
  /** Slow movers: the window and the days without a sale, in days. */
  window: numberOption(DEFAULT_SLOW_WINDOW_DAYS, { min: 7, max: 365, integer: true }),
  idle: numberOption(DEFAULT_IDLE_DAYS, { min: 1, max: 365, integer: true }),
});
