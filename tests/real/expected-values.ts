/**
 * Values worked out with Python's csv module over ../shared/datasets (the script is in EXPECTED.md,
 * "Multi-file workspaces"), shared by the tests that load these sets in different ways.
 */
export const ADVENTURE_WORKS = {
  lines: 57851,
  total: 77548570.2,
  /** Fiscal year 2019 (July 2018 – June 2019). */
  fy2019Total: 27979779.53,
  /** Fiscal year 2019: sales by Region.csv's region. */
  fy2019ByRegion: {
    Canada: 5627350.71,
    Central: 2814720.6,
    France: 1432156.81,
    Northeast: 3359777.35,
    Northwest: 3393331.02,
    Southeast: 2483986.07,
    Southwest: 7459290.23,
    'United Kingdom': 1409166.74,
  } as Record<string, number>,
  /** Fiscal year 2019: the three reps with the most sales. */
  fy2019TopReps: [
    ['Jae Pak', 4393879.55],
    ['Jillian Carson', 4145708.86],
    ['Michael Blythe', 3937627.84],
  ] as [string, number][],
  /** Targets.csv over fiscal year 2019. */
  fy2019Targets: 108650000,
  /** The director's (Brian Welcker's) FY2019 target: the top of the plan, as no one's territory contains his. */
  fy2019DirectorTarget: 24600000,
  /** SalespersonRegion.csv: distinct rep–territory pairs. */
  repRegionPairs: 39,
};

export const NORTHWIND = {
  lines: 2155,
  /** Σ unitPrice × quantity × (1 − discount) over order-details.csv. */
  total: 1265793.0395,
  /** Per shipper (orders.shipVia → shippers.shipperID). */
  byShipper: { 'Federal Shipping': 383405.468, 'Speedy Express': 348839.9375, 'United Package': 533547.634 } as Record<string, number>,
  orders: 830,
  customers: 89,
};
