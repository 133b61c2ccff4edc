#!/usr/bin/env python3
"""Independent reference values for tests/real/datasets.spec.ts.

Reads the real datasets with Python's csv module only (no pandas, no DuckDB,
nothing from the app), sums money with decimal.Decimal (exact), and prints
JSON. The spec's constants were copied from this output; EXPECTED.md says
which key feeds which constant.

    python3 tests/real/expected.py [DATASETS_DIR]   # default ../shared/datasets
"""
import csv
import json
import os
import sys
from collections import defaultdict
from datetime import datetime
from decimal import Decimal

ROOT = os.path.abspath(
    sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TARGETSCOPE_DATASETS", "../shared/datasets")
)


def rows(rel, encoding, delimiter=","):
    with open(os.path.join(ROOT, rel), encoding=encoding, newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def money(d):
    """Decimal -> float rounded to 4 places (the data has at most 4 decimals)."""
    return float(round(d, 4))


def by(rs, key, value):
    acc = defaultdict(Decimal)
    for r in rs:
        acc[key(r)] += Decimal(value(r))
    return {k: money(v) for k, v in sorted(acc.items())}


def superstore(rel, encoding, date_fmt):
    rs = rows(rel, encoding)
    day = lambda r: datetime.strptime(r["Order Date"], date_fmt).date()
    days = [day(r) for r in rs]
    return {
        "rows": len(rs),
        "revenue": money(sum(Decimal(r["Sales"]) for r in rs)),
        "profit": money(sum(Decimal(r["Profit"]) for r in rs)),
        "quantity": sum(int(r["Quantity"]) for r in rs),
        "orders": len({r["Order ID"] for r in rs}),
        "customers": len({r["Customer Name"] for r in rs}),
        "min_date": min(days).isoformat(),
        "max_date": max(days).isoformat(),
        "revenue_by_region": by(rs, lambda r: r["Region"], lambda r: r["Sales"]),
        "revenue_by_segment_year": by(
            rs, lambda r: f'{r["Segment"]}|{day(r).year}', lambda r: r["Sales"]
        ),
        "rows_by_month": {
            k: int(v)
            for k, v in by(rs, lambda r: day(r).strftime("%Y-%m"), lambda r: 1).items()
        },
        # non-ASCII text that must survive decoding (rows whose field contains it)
        "customer_franzosisch": sum("Französisch" in r["Customer Name"] for r in rs),
        "product_resume": sum("Résumé" in r["Product Name"] for r in rs),
        "product_image": sum("Imàge" in r["Product Name"] for r in rs),
        # U+201D: byte 0x94 in cp1252 (latin-1 would turn it into the C1 control U+0094)
        "product_rdquo": sum("\u201d" in r["Product Name"] for r in rs),
    }


def main():
    out = {}
    out["superstore_classic"] = superstore("superstore_classic/Sample-Superstore.csv", "utf-8", "%m/%d/%Y")
    out["superstore_cp1252"] = superstore("superstore_cp1252/Sample - Superstore.csv", "cp1252", "%Y-%m-%d")
    # utf-8-sig strips the BOM; D/M/YY = day first, two-digit year
    out["superstore_2020_us_ca"] = superstore("superstore_2020_us_ca/Sample - Superstore.csv", "utf-8-sig", "%d/%m/%y")

    rs = rows("adventureworks_sales_targets/Sales.csv", "utf-8", "|")
    day = lambda r: datetime.strptime(r["OrderDate"], "%Y/%m/%d").date()
    days = [day(r) for r in rs]
    out["aw_sales"] = {
        "rows": len(rs),
        "revenue": money(sum(Decimal(r["Sales"]) for r in rs)),
        "cost": money(sum(Decimal(r["Cost"]) for r in rs)),
        "quantity": sum(int(r["Quantity"]) for r in rs),
        "orders": len({r["SalesOrderNumber"] for r in rs}),
        "min_date": min(days).isoformat(),
        "max_date": max(days).isoformat(),
        "revenue_by_year": by(rs, lambda r: str(day(r).year), lambda r: r["Sales"]),
    }

    # encoding='utf-16' reads the BOM (FF FE = little endian) and strips it
    rs = rows("adventureworks_sales_targets/pl300_utf16/ResellerSales_202006.csv", "utf-16")
    days = [datetime.strptime(r["OrderDate"], "%Y-%m-%d").date() for r in rs]
    out["aw_reseller_202006"] = {
        "rows": len(rs),
        "revenue": money(sum(Decimal(r["SalesAmount"]) for r in rs)),
        "quantity": sum(int(r["OrderQuantity"]) for r in rs),
        "cost": money(sum(Decimal(r["TotalProductCost"]) for r in rs)),
        "orders": len({r["SalesOrderNumber"] for r in rs}),
        "min_date": min(days).isoformat(),
        "max_date": max(days).isoformat(),
    }
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
