import { describe, expect, it } from 'vitest';
import { orderFlagsExact } from './order-flags';

describe('orderFlagsExact', () => {
  const constant = ['date', 'region', 'customer', 'rep'];
  it('needs the compaction’s answer and a date constant within orders', () => {
    expect(orderFlagsExact(null, {})).toBe(false);
    expect(orderFlagsExact(['region', 'customer'], {})).toBe(false);
    expect(orderFlagsExact(constant, {})).toBe(true);
  });
  it('every filtered dimension must be constant within orders; empty filters do not count', () => {
    expect(orderFlagsExact(constant, { region: ['East'], rep: ['A', 'B'] })).toBe(true);
    expect(orderFlagsExact(constant, { category: ['Laptops'] })).toBe(false);
    expect(orderFlagsExact(constant, { category: [] })).toBe(true);
  });
  it('so must every column grouped on', () => {
    expect(orderFlagsExact(constant, {}, ['customer', 'rep'])).toBe(true);
    expect(orderFlagsExact(constant, {}, ['product'])).toBe(false);
  });
});
