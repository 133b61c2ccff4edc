/** #/forecast's options (`o.*` in the URL): one codec, read and written only through it (lib/share/view-options.ts). */
import { choiceOption, numberOption, optionsCodec, textOption } from '../../lib/share/view-options';

export const forecastOptions = optionsCodec({
  /** The level forecast (checked against the data's fields by the view). */
  level: textOption,
  unit: textOption,
  /** To the fiscal year's end, or the next 12 months. */
  horizon: choiceOption(['fy', '12']),
  grain: choiceOption(['month', 'week']),
  /** The scenario's change to the forecast, in percent. */
  revise: numberOption(0, { min: -100, max: 1000 }),
});
