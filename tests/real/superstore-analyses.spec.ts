/**
 * #/products, #/channels and #/regions on the real Superstore export
 * (classic edition), against values computed independently with Python's
 * csv module over the same file:
 *
 *   rows = csv.DictReader(open('Sample-Superstore.csv', encoding='utf-8'))
 *   top 10 of Σ Sales by 'Product Name' (all rows); Σ Sales by 'Segment' for
 *   2017 ('Order Date' %m/%d/%Y); Σ Sales 2017 − Σ Sales 2016 by 'Region'.
 */
import { test, expect, openApp, loadFile } from '../e2e/fixtures';
import { dataset, route } from './helpers';

const TOP_PRODUCTS: [string, number][] = [
  ['Canon imageCLASS 2200 Advanced Copier', 61599.824],
  ['Fellowes PB500 Electric Punch Plastic Comb Binding Machine with Manual Bind', 27453.384],
  ['Cisco TelePresence System EX90 Videoconferencing Unit', 22638.48],
  ['HON 5400 Series Task Chairs for Big and Tall', 21870.576],
  ['GBC DocuBind TL300 Electric Binding System', 19823.479],
  ['GBC Ibimaster 500 Manual ProClick Binding System', 19024.5],
  ['Hewlett Packard LaserJet 3310 Copier', 18839.686],
  ['HP Designjet T520 Inkjet Large Format Printer - 24" Color', 18374.895],
  ['GBC DocuBind P400 Electric Binding System', 17965.068],
  ['High Speed Automatic Electric Letter Opener', 17030.312],
];
const SEGMENT_2017: Record<string, number> = { Consumer: 331904.6999, 'Home Office': 159462.7309, Corporate: 241847.8244 };
const REGION_CHANGE_2017_VS_2016: Record<string, number> = { South: 29295.634, West: 62648.189, Central: -331.2478, East: 32397.082 };

test('Superstore: top products, sales by segment (channel) and the 2017 vs 2016 change by region', async ({ page }) => {
  await openApp(page, '#/overview?period=all');
  expect(await loadFile(page, dataset('superstore_classic/Sample-Superstore.csv'))).toBe('ready');

  await route(page, '#/products?period=all');
  await expect(page.getByTestId('products')).toHaveAttribute('data-ready', 'true');
  const rows = page.getByTestId('product-table').locator('tbody tr');
  for (const [i, [name, sales]] of TOP_PRODUCTS.entries()) {
    await expect(rows.nth(i).locator('td[data-col="member"]')).toHaveAttribute('data-value', name);
    expect(Number(await rows.nth(i).locator('td[data-col="revenue"]').getAttribute('data-value')), name).toBeCloseTo(sales, 2);
  }

  await route(page, '#/channels?period=custom&from=2017-01-01&to=2017-12-31');
  await expect(page.getByTestId('channels')).toHaveAttribute('data-ready', 'true');
  for (const [segment, sales] of Object.entries(SEGMENT_2017)) {
    const cell = page.locator(`[data-testid="channel-table"] tr:has(td[data-col="member"][data-value="${segment}"]) td[data-col="revenue"]`);
    await expect.poll(async () => Number(await cell.getAttribute('data-value')), { message: segment }).toBeCloseTo(sales, 2);
  }

  await route(page, '#/regions?period=custom&from=2017-01-01&to=2017-12-31');
  await expect(page.getByTestId('regions')).toHaveAttribute('data-ready', 'true');
  for (const [region, change] of Object.entries(REGION_CHANGE_2017_VS_2016)) {
    const cell = page.locator(`[data-testid="contributions"] tr[data-member="${region}"] td[data-col="change"]`);
    await expect.poll(async () => Number(await cell.getAttribute('data-value')), { message: region }).toBeCloseTo(change, 2);
  }
  const total = Object.values(REGION_CHANGE_2017_VS_2016).reduce((s, v) => s + v, 0);
  expect(Number(await page.getByTestId('change-total').getAttribute('data-value'))).toBeCloseTo(total, 2);
  await expect(page.getByTestId('largest-decrease')).toHaveAttribute('data-member', 'Central');
});
