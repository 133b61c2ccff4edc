/**
 * Number formats, one place: locale grouping, 万/亿 compact notation in
 * zh-CN (Intl does this natively), the workspace's currency, percentages.
 */
export type Locale = 'zh-CN' | 'en';
/** ISO 4217 code, or '' for plain numbers. */
export type Currency = string;

export interface FormatOptions {
  locale: Locale;
  currency: Currency;
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

const DASH = '—';

function currencyOptions(currency: Currency, locale: Locale): Intl.NumberFormatOptions {
  // en shows CNY as "CN¥"; Chinese users and the CNY workspace read "¥".
  return currency ? { style: 'currency', currency, currencyDisplay: locale === 'zh-CN' || currency === 'CNY' ? 'narrowSymbol' : 'symbol' } : {};
}

/** Full precision money, e.g. ¥1,234,567.89. */
export function formatMoney(value: number | null | undefined, o: FormatOptions): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return nf(o.locale, { ...currencyOptions(o.currency, o.locale), minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** Compact money for cards and axes: ¥1.23亿 / ¥123.46万 in zh-CN, $1.23M in en. */
export function formatMoneyCompact(value: number | null | undefined, o: FormatOptions): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (Math.abs(value) < 10_000) return nf(o.locale, { ...currencyOptions(o.currency, o.locale), maximumFractionDigits: 0 }).format(value);
  return nf(o.locale, { ...currencyOptions(o.currency, o.locale), notation: 'compact', maximumFractionDigits: 2 }).format(value);
}

export function formatInteger(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return nf(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A plain number with a fixed number of decimals (a score, a MASE, a frequency): 1.25 → "1.25". */
export function formatDecimal(value: number | null | undefined, locale: Locale, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return nf(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatCompact(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (Math.abs(value) < 10_000) return formatInteger(value, locale);
  return nf(locale, { notation: 'compact', maximumFractionDigits: 2 }).format(value);
}

/** A ratio as a percentage: 0.1234 → 12.3%. */
export function formatPercent(ratio: number | null | undefined, locale: Locale, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return DASH;
  return nf(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(ratio);
}

/** A change as a signed percentage: +12.3% / −4.0%. */
export function formatChange(ratio: number | null | undefined, locale: Locale): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return DASH;
  return nf(locale, { style: 'percent', signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ratio);
}

/** (current − base) / |base|; null when there is no base to compare with. */
export function relativeChange(current: number, base: number): number | null {
  if (!Number.isFinite(base) || base === 0) return null;
  return (current - base) / Math.abs(base);
}

/** The currency symbol alone, for column headers ("Revenue (¥)"). */
export function currencySymbol(currency: Currency, locale: Locale): string {
  if (!currency) return '';
  const parts = nf(locale, { ...currencyOptions(currency, locale) }).formatToParts(0);
  return parts.find((p) => p.type === 'currency')?.value ?? currency;
}

export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return DASH;
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatMonth(iso: string, locale: Locale): string {
  const [y, m] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}
