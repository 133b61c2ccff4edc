/** #/budget's options (`o.*` in the URL): one codec, read and written only through it (lib/share/view-options.ts). */
import { numberOption, optionsCodec, textOption } from '../../lib/share/view-options';

export const budgetOptions = optionsCodec({
  /** A variance larger than this share of the budget is flagged (5 % unless chosen). */
  threshold: numberOption(0.05, { min: 0.01, max: 100, scale: 100 }),
  /** The budget level compared (checked against the budget's levels by the view). */
  level: textOption,
  unit: textOption,
});
