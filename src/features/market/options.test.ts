import { describe, expect, it } from 'vitest';
import { expectRoundTrip } from '../../lib/share/view-options-properties';
import { marketOptions } from './options';

describe('#/market options', () => {
  it('read back as written, for any texts in the URL', () => expectRoundTrip(marketOptions));

  it('reads the SWOT scope as given', () => {
    expect(marketOptions.parse({ swot: 'region:华东' }).swot).toBe('region:华东');
    expect(marketOptions.encode({ swot: '' })).toEqual({});
  });
});
