/**
 * In-page recorder (an init script): a MutationObserver that timestamps, with
 * performance.now(), every change of the attributes the benchmark waits on —
 * load-status data-state / data-attempts / data-compaction, overview data-ready — and the first
 * time the navigation is visible, and the load phase text; `view` is the
 * data-ready of whichever view is on screen, as "<data-testid>:<value>". Transient values inside one mutation batch
 * are kept (from the records' oldValue), so a false→true flip is never lost.
 * Node reads the events back; timings don't depend on polling from Node.
 */

export type BenchKey = 'state' | 'attempts' | 'ready' | 'nav' | 'change' | 'readyFrame' | 'mark' | 'phase' | 'compaction' | 'view';

export interface BenchEvent {
  key: BenchKey;
  value: string | null;
  t: number;
}

export interface BenchRecorder {
  events: BenchEvent[];
  mark(label: string): number;
}

export type BenchWindow = Window & { __bench?: BenchRecorder };

/** Runs in the page before any app script (page.addInitScript). Must be self-contained. */
export function installRecorder(): void {
  const w = window as BenchWindow;
  if (w.__bench) return;
  const events: BenchEvent[] = [];
  const last = new Map<string, string | null>();
  const push = (key: BenchKey, value: string | null, t: number) => {
    if (last.get(key) === value && key !== 'mark' && key !== 'change' && key !== 'readyFrame') return;
    last.set(key, value);
    events.push({ key, value, t });
    if (key === 'ready' && value === 'true') {
      requestAnimationFrame(() => events.push({ key: 'readyFrame', value: null, t: performance.now() }));
    }
  };
  const watched: Record<string, { selector: string; key: BenchKey }> = {
    'data-state': { selector: '[data-testid="load-status"]', key: 'state' },
    'data-attempts': { selector: '[data-testid="load-status"]', key: 'attempts' },
    'data-compaction': { selector: '[data-testid="load-status"]', key: 'compaction' },
    'data-ready': { selector: '[data-testid="overview"]', key: 'ready' },
  };
  const current = (attr: string) => document.querySelector(watched[attr].selector)?.getAttribute(attr) ?? null;
  let navSeen = false;
  const snapshot = (t: number) => {
    for (const attr of Object.keys(watched)) push(watched[attr].key, current(attr), t);
    const view = document.querySelector('main [data-testid][data-ready]');
    push('view', view ? `${view.getAttribute('data-testid')}:${view.getAttribute('data-ready')}` : null, t);
    // The load phase shown to the user (its progress bar is labelled with it).
    push('phase', document.querySelector('[data-testid="load-status"] progress')?.getAttribute('aria-label') ?? null, t);
    if (!navSeen) {
      const nav = document.querySelector('nav');
      if (nav) {
        const r = nav.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) {
          navSeen = true;
          push('nav', 'visible', t);
        }
      }
    }
  };
  const observer = new MutationObserver((records) => {
    const t = performance.now();
    // Per watched element+attribute, the values it took in this batch: each record's oldValue is the value before it.
    const seq = new Map<string, { key: BenchKey; attr: string; el: Element; olds: (string | null)[] }>();
    for (const r of records) {
      if (r.type !== 'attributes' || !r.attributeName) continue;
      const spec = watched[r.attributeName];
      const el = r.target as Element;
      if (!spec || !el.matches(spec.selector)) continue;
      const id = spec.key;
      const entry = seq.get(id) ?? { key: spec.key, attr: r.attributeName, el, olds: [] };
      entry.olds.push(r.oldValue);
      seq.set(id, entry);
    }
    for (const { key, attr, el, olds } of seq.values()) {
      for (const v of [...olds.slice(1), el.getAttribute(attr)]) push(key, v, t);
    }
    // Any view's data-ready, with its transient values too.
    for (const r of records) {
      if (r.type !== 'attributes' || r.attributeName !== 'data-ready') continue;
      const el = r.target as Element;
      if (el.closest('main') && el.hasAttribute('data-testid')) push('view', `${el.getAttribute('data-testid')}:${r.oldValue}`, t);
    }
    snapshot(t);
  });
  observer.observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeOldValue: true,
    attributeFilter: Object.keys(watched),
  });
  document.addEventListener(
    'change',
    (e) => {
      const target = e.target as Element | null;
      if (target?.getAttribute?.('data-testid') === 'file-input') push('change', null, performance.now());
    },
    true,
  );
  w.__bench = {
    events,
    mark(label: string) {
      const t = performance.now();
      events.push({ key: 'mark', value: label, t });
      return t;
    },
  };
}
