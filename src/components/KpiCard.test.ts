// @vitest-environment jsdom
import { describe, expect, it, afterEach } from 'vitest';
import { cleanup, render } from '@testing-library/svelte';
import KpiCard from './KpiCard.svelte';

afterEach(cleanup);

describe('KpiCard', () => {
  it('exposes the raw number for tests and shows the formatted one with its changes', () => {
    const { container, getByText } = render(KpiCard, {
      kpi: 'revenue',
      label: 'Revenue',
      value: 1234567.891,
      display: '¥1.23M',
      changes: [
        { label: 'vs last year', ratio: 0.125 },
        { label: 'vs previous period', ratio: null },
      ],
    });
    const card = container.querySelector('[data-kpi="revenue"]');
    expect(card?.getAttribute('data-value')).toBe('1234567.891');
    expect(getByText('¥1.23M')).toBeTruthy();
    expect(card?.textContent).toContain('+12.5%');
    expect(card?.textContent).toContain('—');
  });

  it('says why a KPI is unavailable and carries no value', () => {
    const { container } = render(KpiCard, { kpi: 'margin', label: 'Gross margin', value: null, display: '', unavailable: 'Map a cost column.' });
    const card = container.querySelector('[data-kpi="margin"]');
    expect(card?.getAttribute('data-value')).toBe('');
    expect(card?.textContent).toContain('Map a cost column.');
  });
});
