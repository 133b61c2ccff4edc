/**
 * `use:scrollRegion` on a scrolling table wrapper: keyboard users can reach and scroll it, and screen
 * readers name it by its table's caption (axe scrollable-region-focusable). Named by reference
 * (aria-labelledby), so the name follows the caption when the language changes.
 */
let next = 0;

export function scrollRegion(node: HTMLElement): void {
  node.tabIndex = 0;
  const caption = node.querySelector('caption, h2, h3');
  if (!caption) return;
  caption.id ||= `scroll-region-${++next}`;
  node.setAttribute('role', 'region');
  node.setAttribute('aria-labelledby', caption.id);
}
