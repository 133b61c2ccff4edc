/**
 * Superstore (classic, 9,994 order lines 2014–2017): monthly sales summed in
 * plain TS (papaparse), the forecaster trained on 2014–2016 chooses its method
 * by backtest and forecasts 2017; its MAPE on 2017 must beat the seasonal
 * naive's (2016 repeated). Both numbers are printed for the report.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { forecastSeries } from './forecast';
import { fitSeasonalNaive } from './baselines';

const FILE = path.join(process.env.TARGETSCOPE_DATASETS ?? path.resolve('../shared/datasets'), 'superstore_classic', 'Sample-Superstore.csv');

function monthlySales(): Map<string, number> {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(FILE, 'utf8'), { header: true, skipEmptyLines: true });
  const months = new Map<string, number>();
  for (const row of parsed.data) {
    const [m, , y] = row['Order Date'].split('/').map(Number); // M/D/YYYY
    const key = `${y}-${String(m).padStart(2, '0')}`;
    months.set(key, (months.get(key) ?? 0) + Number(row.Sales));
  }
  return months;
}

describe('Superstore monthly sales: 2014–2016 → 2017', () => {
  it('the chosen method beats seasonal naive on 2017 MAPE', () => {
    const months = monthlySales();
    const series = (from: number, to: number) => {
      const out: number[] = [];
      for (let y = from; y <= to; y++) for (let m = 1; m <= 12; m++) out.push(months.get(`${y}-${String(m).padStart(2, '0')}`) ?? 0);
      return out;
    };
    const train = series(2014, 2016);
    const actual2017 = series(2017, 2017);
    expect(train.every((v) => v > 0)).toBe(true);
    const mape = (f: number[]) => actual2017.reduce((a, v, i) => a + Math.abs(v - f[i]) / v, 0) / 12;
    const chosen = forecastSeries(train, { horizon: 12 });
    const chosenMape = mape(chosen.points.map((p) => p.mean));
    const naiveMape = mape(fitSeasonalNaive(train, 12).forecast(12));
    console.log(
      `Superstore 2017 MAPE: chosen ${chosen.method} ${(100 * chosenMape).toFixed(2)} % vs seasonal naive ${(100 * naiveMape).toFixed(2)} %` +
        ` (backtest MAPE ${(100 * chosen.accuracy!.mape!).toFixed(2)} %, MASE ${chosen.accuracy!.mase!.toFixed(3)}; candidates: ` +
        chosen.candidates.map((c) => `${c.method} ${(100 * c.mape!).toFixed(1)} %`).join(', ') +
        ')',
    );
    expect(chosenMape).toBeLessThan(naiveMape);
  });
});
