/**
 * Codecs for a view's own options (`o.<key>=<value>` in the URL, view.options): each route declares its
 * options once in its `features/<route>/options.ts`, and reads and writes them only through that codec.
 *
 * - `parse(raw)` gives every option a valid value: a missing, malformed or out-of-range text means the
 *   option's default, so any link opens;
 * - `patch(values)` gives the texts to write (setOptions); the default is written as null, which removes
 *   the key, so links stay short and a default link has no options.
 *
 * Round trip (options.test.ts beside each route): parse(format(parse(raw))) = parse(raw) for any raw texts.
 */
import { formatRangeOption, parseRangeOption } from '../model/range-option';
import type { DateRange } from '../model/period';

export type RawOptions = Readonly<Record<string, string | undefined>>;

/** One option: how its text reads and writes, and what it is (for the round-trip tests' generators). */
export interface OptionField<T> {
  parse(text: string | undefined): T;
  /** null: the default (the key is removed). */
  format(value: T): string | null;
  readonly spec: OptionSpec;
}

export type OptionSpec =
  | { kind: 'number'; min: number; max: number; integer: boolean; scale: number }
  | { kind: 'choice'; choices: readonly string[] }
  | { kind: 'text' }
  | { kind: 'flag' }
  | { kind: 'range' };

/** Percent options keep 4 decimals of a percent: what is written reads back as the same number. */
const DECIMALS = 1e4;
const rounded = (n: number) => Math.round(n * DECIMALS) / DECIMALS;

/**
 * A number in [min, max] (`integer`: rounded to whole numbers); `scale` is how many URL units make one of
 * the value's (100 for a percentage kept as a fraction: `o.ahead=105` → 1.05). `fallback` is in the value's
 * units, or null for an option that is unset until chosen.
 */
export function numberOption<F extends number | null>(fallback: F, bounds: { min?: number; max?: number; integer?: boolean; scale?: number } = {}): OptionField<number | F> {
  const { min = -Infinity, max = Infinity, integer = false, scale = 1 } = bounds;
  const inUrl = (value: number | null) => (value === null ? null : integer ? Math.round(value * scale) : rounded(value * scale));
  return {
    parse(text) {
      if (text === undefined || text.trim() === '') return fallback;
      const n = Number(text);
      if (!Number.isFinite(n)) return fallback;
      const units = integer ? Math.round(n) : rounded(n);
      // + 0: -0 (from '-0' or '-5e-324') is written as 0, so it reads as 0.
      return units >= min && units <= max ? units / scale + 0 : fallback;
    },
    format(value) {
      const units = inUrl(value);
      return units === null || units === inUrl(fallback) ? null : String(units);
    },
    spec: { kind: 'number', min, max, integer, scale },
  };
}

/** A percentage kept as a fraction: `o.a=80` → 0.8; `min`/`max` in percent. */
export const percentOption = (fallback: number, min = 0, max = Infinity) => numberOption(fallback, { min, max, scale: 100 });

/** One of a fixed list; anything else is the fallback (the first choice unless given). */
export function choiceOption<T extends string>(choices: readonly T[], fallback: T = choices[0]): OptionField<T> {
  return {
    parse: (text) => (text !== undefined && (choices as readonly string[]).includes(text) ? (text as T) : fallback),
    format: (value) => (value === fallback ? null : value),
    spec: { kind: 'choice', choices },
  };
}

/** Free text (a unit, a search, a plan version): '' when missing. What it names is checked against the data by the view. */
export const textOption: OptionField<string> = {
  parse: (text) => text ?? '',
  format: (value) => (value === '' ? null : value),
  spec: { kind: 'text' },
};

/** On when `1`. */
export const flagOption: OptionField<boolean> = {
  parse: (text) => text === '1',
  format: (value) => (value ? '1' : null),
  spec: { kind: 'flag' },
};

/** A date range `YYYY-MM-DD..YYYY-MM-DD`, or null. */
export const rangeOption: OptionField<DateRange | null> = {
  parse: (text) => parseRangeOption(text),
  format: (value) => (value ? formatRangeOption(value) : null),
  spec: { kind: 'range' },
};

export type OptionValues<F> = { [K in keyof F]: F[K] extends OptionField<infer T> ? T : never };

export interface OptionsCodec<F extends Record<string, OptionField<unknown>>> {
  readonly fields: F;
  parse(raw: RawOptions): OptionValues<F>;
  /** The texts that set these options (null removes a key: its default applies). */
  patch(values: Partial<OptionValues<F>>): Record<string, string | null>;
  /** The options of a link to this route: only those that are not the default. */
  encode(values: Partial<OptionValues<F>>): Record<string, string>;
  /** The patch for a text typed or chosen in the page (an input's value is in the URL's units). */
  patchText(key: keyof F & string, text: string): Record<string, string | null>;
}

/** A route's options: URL key → field. */
export function optionsCodec<F extends Record<string, OptionField<unknown>>>(fields: F): OptionsCodec<F> {
  const entries = Object.entries(fields) as [keyof F & string, OptionField<unknown>][];
  const patch = (values: Partial<OptionValues<F>>) => {
    const out: Record<string, string | null> = {};
    for (const [key, field] of entries) if (key in values) out[key] = field.format((values as Record<string, unknown>)[key]);
    return out;
  };
  return {
    fields,
    parse(raw) {
      const out = {} as OptionValues<F>;
      for (const [key, field] of entries) (out as Record<string, unknown>)[key] = field.parse(raw[key]);
      return out;
    },
    patch,
    patchText: (key, text) => ({ [key]: fields[key].format(fields[key].parse(text)) }),
    encode: (values) => Object.fromEntries(Object.entries(patch(values)).filter((e): e is [string, string] => e[1] !== null)),
  };
}
