/**
 * A customer-shaped fixture for the customer and rep analyses: 40 customers
 * who start, buy at their own rhythm and stop at different months
 * (2024-01 … 2025-06), with returns, repeated amounts (ties) and 5 reps in
 * 2 teams. Loaded with fixture-sales.ts's loadFixture; expectations are
 * computed from the same rows in plain TS.
 */
import type { FixtureRow } from './fixture-sales';

const pad = (n: number) => String(n).padStart(2, '0');

export function customerFixtureRows(): FixtureRow[] {
  const rows: FixtureRow[] = [];
  let seq = 0;
  for (let i = 0; i < 40; i++) {
    const first = i % 15; // month index from 2024-01
    const last = Math.min(17, first + ((i * 7) % 18));
    const every = (i % 4) + 1;
    const day = (i % 27) + 1;
    const rep = `R${i % 5}`;
    const team = i % 5 < 3 ? 'TA' : 'TB';
    for (let m = first; m <= last; m += every) {
      const y = 2024 + Math.floor(m / 12);
      const date = `${y}-${pad((m % 12) + 1)}-${pad(day)}`;
      seq++;
      const order = `O${seq}`;
      // Amounts repeat across customers (ties) and vary by month.
      const amount = 100 * ((i % 6) + 1) + 50 * (m % 3);
      const lines = 1 + (seq % 2);
      for (let l = 0; l < lines; l++) {
        rows.push({ date, amount, quantity: 1, cost: amount * 0.7, order_id: order, customer: `C${pad(i)}`, product: `P${l}`, category: 'X', channel: 'Online', region: i % 2 ? 'East' : 'West', rep, team });
      }
      if (seq % 9 === 0) {
        // a return of one line, a few days later, under the original order id + -R
        const rd = Math.min(28, day + 3);
        rows.push({ date: `${y}-${pad((m % 12) + 1)}-${pad(rd)}`, amount: -amount, quantity: -1, cost: -amount * 0.7, order_id: `${order}-R`, customer: `C${pad(i)}`, product: 'P0', category: 'X', channel: 'Online', region: i % 2 ? 'East' : 'West', rep, team });
      }
    }
  }
  return rows.sort((a, b) => a.date.localeCompare(b.date));
}

export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
