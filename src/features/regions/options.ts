/** #/regions' options (`o.*` in the URL): one codec, read and written only through it (lib/share/view-options.ts). */
import { flagOption, optionsCodec, rangeOption, textOption } from '../../lib/share/view-options';

export const regionsOptions = optionsCodec({
  /** The dimension drilled into (checked against the data's dimensions by the view). */
  dim: textOption,
  /** The compared periods, when chosen here instead of the filter bar's: base and current. */
  p0: rangeOption,
  p1: rangeOption,
  rank: flagOption,
});
