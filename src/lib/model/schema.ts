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

/** canonical field → source column name in the file (absent = not mapped). */
export type Mapping = Partial<Record<CanonicalField, string>>;
