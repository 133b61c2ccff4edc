/**
 * Markdown notes → safe HTML: marked parses, DOMPurify removes scripts,
 * event handlers and dangerous URLs; links open in a new tab without access
 * to this page (rel="noopener noreferrer").
 */
import { marked } from 'marked';
import DOMPurify from 'dompurify';

let hooked = false;

function addLinkHook(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

export function renderMarkdown(text: string): string {
  addLinkHook();
  const html = marked.parse(text ?? '', { async: false, gfm: true, breaks: false });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, ADD_ATTR: ['target'] });
}
