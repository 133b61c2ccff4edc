/** The canonical sales schema (DESIGN.md "The data model"). */
export const CANONICAL_FIELDS = [
  'date',
  'amount',
  'quantity',
  'unit_price',
  'cost',
  'profit',
  'order_id',
  'customer',
  'product',
  'category',
  'channel',
  'region',
  'rep',
  'team',
] as const;

export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** Text fields that can be grouped and filtered on. */
export const DIMENSIONS = ['channel', 'region', 'category', 'product', 'customer', 'rep', 'team'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const NUMERIC_FIELDS = ['amount', 'quantity', 'unit_price', 'cost', 'profit'] as const;
export type NumericField = (typeof NUMERIC_FIELDS)[number];

/**
 * Fields a file's columns can be mapped to: the canonical ones plus inputs
 * that only feed a derivation (discount: amount = quantity × unit price ×
 * (1 − discount) when there is no amount column, as in Northwind).
 */
export const INPUT_FIELDS = [...CANONICAL_FIELDS, 'discount'] as const;
export type InputField = (typeof INPUT_FIELDS)[number];

/** field → source column name in the file (absent = not mapped). */
export type Mapping = Partial<Record<InputField, string>>;
