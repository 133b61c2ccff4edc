import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { missingRequired, proposeMapping } from './mapping';
import { isIdLikeHeader, normalizeHeader } from './header-synonyms';
import { sniffText } from './sniff';
import { decodeHead, detectEncoding } from './encoding';

/** The public datasets beside the repo (../shared/datasets), or TARGETSCOPE_DATASETS. */
const DATASETS = process.env.TARGETSCOPE_DATASETS ?? `${process.cwd()}/../shared/datasets`;

function sniffFile(file: string) {
  const head = readFileSync(file).subarray(0, 64 * 1024);
  return sniffText(decodeHead(head, detectEncoding(head)), false);
}

describe('proposeMapping on real headers', () => {
  it('Superstore', () => {
    const s = sniffFile(`${DATASETS}/superstore_2020_us_ca/Sample - Superstore.csv`);
    const { mapping, reasons } = proposeMapping(s.header, s.rows);
    expect(mapping).toEqual({
      date: 'Order Date',
      amount: 'Sales',
      quantity: 'Quantity',
      profit: 'Profit',
      order_id: 'Order ID',
      customer: 'Customer Name',
      product: 'Product Name',
      category: 'Category',
      channel: 'Segment',
      region: 'Region',
      discount: 'Discount', // mapped, but only used when revenue is derived from quantity × price
    });
    expect(reasons.date).toBe('header');
    expect(missingRequired(mapping)).toEqual([]);
  });

  it('Superstore classic (every field quoted) maps the same way', () => {
    const s = sniffFile(`${DATASETS}/superstore_classic/Sample-Superstore.csv`);
    const { mapping } = proposeMapping(s.header, s.rows);
    expect(mapping.date).toBe('Order Date');
    expect(mapping.amount).toBe('Sales');
    expect(mapping.customer).toBe('Customer Name');
  });

  it('AdventureWorks Sales.csv', () => {
    const s = sniffFile(`${DATASETS}/adventureworks_sales_targets/Sales.csv`);
    expect(s.header).toEqual([
      'SalesOrderNumber', 'OrderDate', 'ProductKey', 'ResellerKey', 'EmployeeKey',
      'SalesTerritoryKey', 'Quantity', 'Unit Price', 'Sales', 'Cost',
    ]);
    expect(proposeMapping(s.header, s.rows).mapping).toEqual({
      order_id: 'SalesOrderNumber',
      date: 'OrderDate',
      product: 'ProductKey',
      customer: 'ResellerKey',
      rep: 'EmployeeKey',
      region: 'SalesTerritoryKey',
      quantity: 'Quantity',
      unit_price: 'Unit Price',
      amount: 'Sales',
      cost: 'Cost',
    });
  });

  it('Northwind orders.csv has a date but no amount', () => {
    const s = sniffFile(`${DATASETS}/northwind/orders.csv`);
    const { mapping } = proposeMapping(s.header, s.rows);
    expect(mapping).toEqual({
      order_id: 'orderID',
      customer: 'customerID',
      rep: 'employeeID',
      date: 'orderDate',
      region: 'shipRegion',
    });
    expect(missingRequired(mapping)).toEqual(['amount']);
  });

  it('Northwind order-details.csv gets its amount from quantity × unit price', () => {
    const s = sniffFile(`${DATASETS}/northwind/order-details.csv`);
    const { mapping } = proposeMapping(s.header, s.rows);
    expect(mapping).toEqual({ order_id: 'orderID', product: 'productID', unit_price: 'unitPrice', quantity: 'quantity', discount: 'discount' });
    expect(missingRequired(mapping)).toEqual(['date']);
  });

  it('a Chinese header', () => {
    const header = '订单号,订单日期,客户名称,产品,类别,渠道,大区,销售员,团队,数量,单价,销售额,成本'.split(',');
    const row = ['SO-1', '2026/1/5', '张三贸易', '笔记本', '办公', '线上', '华东', '李四', '一组', '2', '617.25', '1,234.50', '800'];
    const { mapping, reasons } = proposeMapping(header, [row]);
    expect(mapping).toEqual({
      order_id: '订单号',
      date: '订单日期',
      customer: '客户名称',
      product: '产品',
      category: '类别',
      channel: '渠道',
      region: '大区',
      rep: '销售员',
      team: '团队',
      quantity: '数量',
      unit_price: '单价',
      amount: '销售额',
      cost: '成本',
    });
    expect(Object.values(reasons).every((r) => r === 'header')).toBe(true);
  });
});

describe('proposeMapping rules', () => {
  it("prefers 'Order Date' over an earlier 'Ship Date'", () => {
    const rows = [['2026-01-09', '2026-01-05', '5']];
    expect(proposeMapping(['Ship Date', 'Order Date', 'Sales'], rows).mapping.date).toBe('Order Date');
  });

  it("falls back to another date column, and to 'Ship Date' only when nothing else names a date", () => {
    expect(proposeMapping(['Ship Date', 'Sales'], [['2026-01-09', '5']]).mapping.date).toBe('Ship Date');
  });

  it("prefers 'Customer Name' over 'Customer ID', and 'Channel' over 'Segment'", () => {
    const header = ['Customer ID', 'Segment', 'Customer Name', 'Channel'];
    const { mapping } = proposeMapping(header, [['C1', 'Consumer', 'Ann', 'Online']]);
    expect(mapping.customer).toBe('Customer Name');
    expect(mapping.channel).toBe('Channel');
  });

  it('matches regardless of case, spaces and underscores', () => {
    const { mapping } = proposeMapping(['ORDER_DATE', 'net sales', 'unit_price', 'Qty'], [['2026-01-05', '10', '5', '2']]);
    expect(mapping).toEqual({ date: 'ORDER_DATE', amount: 'net sales', unit_price: 'unit_price', quantity: 'Qty' });
  });

  it('maps each column to one field only', () => {
    // 'Sales' is both an amount synonym and contained in 'Salesperson'.
    const { mapping } = proposeMapping(['Salesperson', 'Sales', 'Date'], [['Ann', '10', '2026-01-05']]);
    expect(mapping).toEqual({ rep: 'Salesperson', amount: 'Sales', date: 'Date' });
  });

  it('trusts a header that names the field exactly, even when its values are bad (the load reports the rejects)', () => {
    const { mapping } = proposeMapping(['Date', 'Amount'], [['2026-01-05', 'n/a?'], ['2026-01-06', 'pending']]);
    expect(mapping.amount).toBe('Amount');
    const dates = proposeMapping(['Order Date', 'Sales'], [['yesterday', '1'], ['not a date', '2']]);
    expect(dates.mapping.date).toBe('Order Date');
  });

  it('rejects a loose header match whose values do not fit', () => {
    // 'Sales Amount Note' only contains a synonym, and holds text.
    const { mapping } = proposeMapping(['Date', 'Amount note'], [['2026-01-05', 'n/a?'], ['2026-01-06', 'pending']]);
    expect(mapping.amount).toBeUndefined();
  });

  it('finds an unnamed date column from its values', () => {
    const rows = [
      ['A', '5/1/2026', '10'],
      ['B', '6/1/2026', '20'],
    ];
    const { mapping, reasons } = proposeMapping(['Who', 'When', 'Sales'], rows);
    expect(mapping.date).toBe('When');
    expect(reasons.date).toBe('content');
  });

  it('does not take postal codes or row numbers for dates', () => {
    const rows = Array.from({ length: 12 }, (_, i) => [String(i + 1), String(42420 + i), '10']);
    expect(proposeMapping(['Row', 'Postal', 'Sales'], rows).mapping.date).toBeUndefined();
  });

  it('finds an amount from a numeric "total"-like column', () => {
    const rows = [
      ['2026-01-05', '1,234.50'],
      ['2026-01-06', '99.00'],
    ];
    const { mapping, reasons } = proposeMapping(['Date', 'Grand Total'], rows);
    expect(mapping.amount).toBe('Grand Total');
    expect(reasons.amount).toBe('content');
  });

  it('never maps a running number to the amount', () => {
    const rows = Array.from({ length: 12 }, (_, i) => [`2026-01-${String(i + 1).padStart(2, '0')}`, String(1001 + i)]);
    expect(proposeMapping(['Date', 'Total'], rows).mapping.amount).toBeUndefined();
    expect(proposeMapping(['Date', 'Sales ID'], rows).mapping.amount).toBeUndefined();
  });

  it('keeps an integer amount column that is not a running number', () => {
    const rows = Array.from({ length: 12 }, (_, i) => [`2026-01-${String(i + 1).padStart(2, '0')}`, String(100 * (i + 1) ** 2)]);
    expect(proposeMapping(['Date', 'Sales'], rows).mapping.amount).toBe('Sales');
  });
});

describe('headers in other languages, and columns by content', () => {
  const rows = (n: number, row: (i: number) => string[]) => Array.from({ length: n }, (_, i) => row(i));
  const day = (i: number) => `${String((i % 28) + 1).padStart(2, '0')}.${String((i % 12) + 1).padStart(2, '0')}.2026`;

  it.each([
    ['German', ['Datum', 'Kunde', 'Artikel', 'Menge', 'Umsatz', 'Verkäufer', 'Gebiet']],
    ['French', ['Date', 'Client', 'Produit', 'Quantité', 'Ventes', 'Vendeur', 'Région']],
    ['Spanish', ['Fecha', 'Cliente', 'Producto', 'Cantidad', 'Ventas', 'Vendedor', 'Zona']],
    ['Japanese', ['日付', '顧客', '製品', '数量', '売上', '担当者', '地域']],
    ['Korean', ['날짜', '고객', '제품', '수량', '매출', '담당자', '지역']],
  ])('%s sales headers map by name', (_, header) => {
    const data = rows(30, (i) => [day(i), `K${i % 7}`, `P${i % 5}`, String(1 + (i % 9)), `${1000 + i},50`, `R${i % 3}`, `G${i % 2}`]);
    const { mapping, reasons } = proposeMapping(header, data);
    expect(mapping).toEqual({
      date: header[0], customer: header[1], product: header[2], quantity: header[3], amount: header[4], rep: header[5], region: header[6],
    });
    expect(reasons.date).toBe('header');
    expect(reasons.amount).toBe('header');
  });

  it('takes a monthly summary’s Month / 月份 / Quartal column as the date', () => {
    for (const [head, value] of [['Month', '1967-03'], ['月份', '2024年1月'], ['Quartal', 'Q1 2024'], ['Period', '202401']]) {
      const { mapping, reasons } = proposeMapping([head, 'Sales'], rows(12, () => [value, '120.5']));
      expect([head, mapping.date, reasons.date]).toEqual([head, head, 'header']);
    }
  });

  it('does not take a 月 column of month numbers for a date', () => {
    const { mapping } = proposeMapping(['年', '月', '销售额'], rows(12, (i) => ['2024', String(i + 1), '100']));
    expect(mapping.date).toBeUndefined();
  });

  it('finds the date and the amount of unknown headers by content (Dutch: Dag;Klant;Aantal;Omzet)', () => {
    const data = rows(40, (i) => [day(i), `K${i % 7}`, String(1 + ((i * 7) % 23)), `${(i * 37) % 900 + 10},${String(i % 100).padStart(2, '0')}`]);
    const { mapping, reasons } = proposeMapping(['Dag', 'Klant', 'Aantal', 'Omzet'], data);
    // Aantal: integers of many values; Omzet: decimals. The decimals are the money.
    expect(mapping).toEqual({ date: 'Dag', amount: 'Omzet' });
    expect(reasons).toEqual({ date: 'content', amount: 'content' });
  });

  it('prefers a column with a currency sign, and leaves two equal candidates to the user', () => {
    const signed = proposeMapping(['d', 'a', 'b'], rows(20, (i) => [`2026-01-${String(i + 1).padStart(2, '0')}`, `${i}.25`, `¥${i * 3}.10`]));
    expect(signed.mapping.amount).toBe('b');
    const equal = proposeMapping(['d', 'a', 'b'], rows(20, (i) => [`2026-01-${String(i + 1).padStart(2, '0')}`, `${100 + i}.25`, `${120 + i}.75`]));
    expect(equal.mapping.amount).toBeUndefined();
    expect(missingRequired(equal.mapping)).toEqual(['amount']);
  });

  it('guesses no amount where quantity × unit price gives it, nor in a table without a date (a lookup)', () => {
    const joined = proposeMapping(['Order Date', 'Quantity', 'Unit Price', 'listPrice'], rows(20, (i) => ['2026-01-05', String(1 + (i % 4)), `${i}.5`, `${i}.75`]));
    expect(joined.mapping).toEqual({ date: 'Order Date', quantity: 'Quantity', unit_price: 'Unit Price' });
    expect(proposeMapping(['productName', 'weightKg'], rows(20, (i) => [`P${i}`, `${i}.25`])).mapping.amount).toBeUndefined();
  });

  it('never takes codes or freight for the amount', () => {
    const { mapping } = proposeMapping(['d', 'shipVia', 'Freight'], rows(20, (i) => ['2026-01-05', String(1 + (i % 3)), `${i}.38`]));
    expect(mapping.amount).toBeUndefined();
  });
});

describe('missingRequired', () => {
  it('needs a date and an amount (or quantity and unit price)', () => {
    expect(missingRequired({})).toEqual(['date', 'amount']);
    expect(missingRequired({ date: 'd', amount: 'a' })).toEqual([]);
    expect(missingRequired({ date: 'd', quantity: 'q', unit_price: 'p' })).toEqual([]);
    expect(missingRequired({ date: 'd', quantity: 'q' })).toEqual(['amount']);
    expect(missingRequired({ amount: 'a' })).toEqual(['date']);
  });
});

describe('header helpers', () => {
  it('normalizes case, spaces and punctuation', () => {
    expect(normalizeHeader(' Order_Date ')).toBe('orderdate');
    expect(normalizeHeader('Sub-Category')).toBe('subcategory');
    expect(normalizeHeader('销售额(元)')).toBe('销售额元');
  });

  it('recognises id-like headers', () => {
    for (const h of ['Customer ID', 'customerID', 'ProductKey', 'SalesOrderNumber', 'Order No.', '客户编号', '订单号', '客户ID', 'Postal Code']) {
      expect([h, isIdLikeHeader(h)]).toEqual([h, true]);
    }
    for (const h of ['Amount Paid', 'Customer Name', 'Sales', '销售额', 'Region', 'Discount']) {
      expect([h, isIdLikeHeader(h)]).toEqual([h, false]);
    }
  });
});
