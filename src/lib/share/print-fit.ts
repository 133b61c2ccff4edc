/**
 * Printing a view on one A4 landscape page: when the browser switches to
 * print layout, the view is laid out at the page's width and scaled down
 * (CSS zoom, which also reflows it) until its height fits the page. Below a
 * floor it stops shrinking — text must stay readable — and the rest flows
 * onto further pages.
 */

/** The printable area of A4 landscape with styles.css's 12 mm margins, in CSS px (96 per inch). */
export const PRINT_AREA = { width: ((297 - 24) / 25.4) * 96, height: ((210 - 24) / 25.4) * 96 };
export const MIN_PRINT_SCALE = 0.3;
/** Room for rounding and the browser's own header/footer spacing. */
const SLACK = 0.97;

/** The zoom that fits content of this height (laid out at the page width) on one page. */
export function printScale(contentHeight: number, pageHeight = PRINT_AREA.height, min = MIN_PRINT_SCALE): number {
  const available = pageHeight * SLACK;
  if (!(contentHeight > available)) return 1;
  return Math.max(min, available / contentHeight);
}

/** Fits `el` to the page whenever print layout is on (print dialog or emulated print media); returns the cleanup. */
export function fitToPageOnPrint(el: HTMLElement): () => void {
  const media = window.matchMedia('print');
  const fit = () => {
    el.style.zoom = '';
    el.style.width = `${PRINT_AREA.width}px`;
    const scale = printScale(el.scrollHeight);
    el.style.zoom = String(scale);
    // Zoomed, the layout width shrinks with it: widen it back to the page width.
    el.style.width = `${PRINT_AREA.width / scale}px`;
    // Kept after printing, for tests and for a look in the inspector.
    el.dataset.printScale = scale.toFixed(3);
  };
  const reset = () => {
    el.style.zoom = '';
    el.style.width = '';
  };
  const onChange = () => (media.matches ? fit() : reset());
  media.addEventListener('change', onChange);
  window.addEventListener('beforeprint', fit);
  window.addEventListener('afterprint', reset);
  return () => {
    media.removeEventListener('change', onChange);
    window.removeEventListener('beforeprint', fit);
    window.removeEventListener('afterprint', reset);
  };
}
