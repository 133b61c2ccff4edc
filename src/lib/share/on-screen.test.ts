import { describe, expect, it } from 'vitest';
import { screenContent, showKpis, showNotes, showTable, tableFromColumns, toCell } from './on-screen';

describe('on-screen content for snapshots', () => {
  it('collects registered tables in order, reads them when asked, and forgets them on cleanup', () => {
    let rows = [{ month: '2026-01-01', revenue: 10 }];
    const columns = [
      { key: 'month', label: 'Month' },
      { key: 'revenue', label: 'Revenue', numeric: true, kind: 'money' as const },
    ];
    const stopA = showTable('a', () => tableFromColumns('a', 'A', columns, rows));
    const stopB = showTable('b', () => tableFromColumns('b', 'B', [{ key: 'x', label: 'X', numeric: true, value: (r: { y: number }) => r.y * 2 }], [{ y: 3 }]));
    rows = [...rows, { month: '2026-02-01', revenue: 12.5 }]; // read at share time, not at registration
    const content = screenContent();
    expect(content.tables.map((t) => t.name)).toEqual(['a', 'b']);
    expect(content.tables[0]).toEqual({
      name: 'a',
      title: 'A',
      columns: [
        { key: 'month', label: 'Month', format: 'month' },
        { key: 'revenue', label: 'Revenue', format: 'money' },
      ],
      rows: [
        ['2026-01-01', 10],
        ['2026-02-01', 12.5],
      ],
    });
    expect(content.tables[1].rows).toEqual([[6]]);
    expect(content.tables[1].columns[0].format).toBe('number');
    stopA();
    stopB();
    expect(screenContent().tables).toEqual([]);
  });

  it('a cleanup of an older registration does not remove a newer one under the same name', () => {
    const stopOld = showTable('t', () => tableFromColumns('t', 'old', [], []));
    const stopNew = showTable('t', () => tableFromColumns('t', 'new', [], []));
    stopOld();
    expect(screenContent().tables.map((t) => t.title)).toEqual(['new']);
    stopNew();
  });

  it('KPIs and notes come from the view that registered them, until it leaves', () => {
    const stopK = showKpis(() => [{ kpi: 'revenue', label: 'Revenue', value: 1, display: '1', changes: [], note: '', unavailable: '', status: null }]);
    const stopN = showNotes(() => ['note <b>1</b>']);
    expect(screenContent().kpis.map((k) => k.kpi)).toEqual(['revenue']);
    expect(screenContent().notes).toEqual(['note <b>1</b>']);
    stopK();
    stopN();
    expect(screenContent()).toEqual({ kpis: [], tables: [], notes: [] });
  });

  it('turns values into cells: non-finite numbers and missing values are null, dates ISO', () => {
    expect([1.5, NaN, Infinity, null, undefined, 'x', 10n, new Date('2026-03-04T05:00:00Z'), true].map(toCell)).toEqual([1.5, null, null, null, null, 'x', 10, '2026-03-04', 'true']);
  });
});
