import { describe, expect, it } from 'vitest';
import { orderCountFor, type Warehouse } from './sources';

describe('orderCountFor', () => {
  const flagged: Warehouse = { orderConstant: ['date', 'region', 'customer', 'rep'], customerDays: false };
  it('needs the order flags and a date constant within orders', () => {
    expect(orderCountFor({ orderConstant: null, customerDays: true }, { filters: {} })).toBe('distinct');
    expect(orderCountFor({ orderConstant: ['region', 'customer'], customerDays: false }, { filters: {} })).toBe('distinct');
    expect(orderCountFor(flagged, { filters: {} })).toBe('flag');
  });
  it('every filtered dimension must be constant within orders; empty filters do not count', () => {
    expect(orderCountFor(flagged, { filters: { region: ['East'], rep: ['A', 'B'] } })).toBe('flag');
    expect(orderCountFor(flagged, { filters: { category: ['Laptops'] } })).toBe('distinct');
    expect(orderCountFor(flagged, { filters: { category: [] } })).toBe('flag');
  });
  it('so must every column grouped on, and no line of an order may be dropped', () => {
    expect(orderCountFor(flagged, { filters: {}, groupedOn: ['customer', 'rep'] })).toBe('flag');
    expect(orderCountFor(flagged, { filters: {}, groupedOn: ['product'] })).toBe('distinct');
    expect(orderCountFor(flagged, { filters: {}, dropsLines: true })).toBe('distinct');
  });
});
