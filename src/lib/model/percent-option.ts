/**
 * A percentage kept in a view option (`o.a=80` → 0.8, `o.ahead=105` → 1.05), so links reproduce it:
 * `fallback` when the option is missing, not a number, or outside [min, max] percent.
 */
export function parsePercentOption(text: string | undefined, fallback: number, min = 0, max = Infinity): number {
  if (text === undefined || text.trim() === '') return fallback;
  const n = Number(text);
  return Number.isFinite(n) && n >= min && n <= max ? n / 100 : fallback;
}
