/** #/market's options (`o.*` in the URL): one codec, read and written only through it (lib/share/view-options.ts). */
import { optionsCodec, textOption } from '../../lib/share/view-options';

export const marketOptions = optionsCodec({
  /** The SWOT items shown: '' all, 'company', or `region:<value>` / `category:<value>`. */
  swot: textOption,
});
