import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { loadSalesFile } from './load-file';

let db: NodeDuckDB;
beforeAll(async () => {
  db = await openNodeDuckDB();
});
afterAll(() => db.close());

describe('ragged rows', () => {
  it('a row with too many fields is an error that names its line and the counts', async () => {
    const text = 'Date,Sales,Region\n2025-01-01,10,East\n2025-01-02,20,West,EXTRA\n2025-01-03,30,East\n2025-01-04,30,East\n';
    const err = await loadSalesFile(db, new File([text], 'ragged.csv')).catch((e) => e);
    expect(err).toMatchObject({ code: 'ragged', facts: { file: 'ragged.csv', row: 3, detail: '4/3' } });
  });

  it('a short row is an error too (never silently padded)', async () => {
    const text = 'Date,Sales,Region\n2025-01-01,10,East\n2025-01-02,20,West\n2025-01-03,30,East\n2025-01-04,30\n';
    const err = await loadSalesFile(db, new File([text], 'short.csv')).catch((e) => e);
    expect(err).toMatchObject({ code: 'ragged', facts: { row: 5, detail: '2/3' } });
  });
});
