/**
 * Whether the screen is a phone's (below 700 px): the navigation becomes a menu button, the filter bar
 * one summary line, and option panels fold, so the headline numbers are on the first screen. The CSS
 * media queries of App, FilterBar and OptionsPanel use the same width.
 */
export const PHONE_QUERY = '(max-width: 700px)';

const query = typeof matchMedia === 'undefined' ? null : matchMedia(PHONE_QUERY);

export const viewport = $state({ phone: query?.matches ?? false });

query?.addEventListener('change', (e) => (viewport.phone = e.matches));
