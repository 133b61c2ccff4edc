import { describe, expect, it } from 'vitest';
import { PRINT_AREA, printScale } from './print-fit';

describe('printScale', () => {
  it('leaves content that fits alone, shrinks taller content to the page, never below the floor', () => {
    expect(PRINT_AREA.width).toBeCloseTo(1031.8, 1); // (297 − 24) mm at 96 dpi
    expect(PRINT_AREA.height).toBeCloseTo(703.0, 1); // (210 − 24) mm
    expect(printScale(500, 700)).toBe(1);
    expect(printScale(700 * 0.97 * 2, 700)).toBeCloseTo(0.5, 12);
    expect(printScale(10_000, 700, 0.35)).toBe(0.35);
    expect(printScale(Number.NaN, 700)).toBe(1);
  });
});
