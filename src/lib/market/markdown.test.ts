// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders markdown emphasis and lists', () => {
    const html = renderMarkdown('**市场领导者**\n\n- 一\n- 二');
    expect(html).toContain('<strong>市场领导者</strong>');
    expect(html.match(/<li>/g)).toHaveLength(2);
  });

  it('removes scripts, event handlers and javascript: links', () => {
    const html = renderMarkdown('<script>window.__x=1</script><img src=x onerror="window.__x=1"> <iframe src="x"></iframe>\n\n[a](javascript:alert(1)) <a href="javascript:alert(1)">b</a>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/onerror/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/<iframe/i);
  });

  it('makes links open safely in a new tab', () => {
    const html = renderMarkdown('[site](https://example.com)');
    const a = new DOMParser().parseFromString(html, 'text/html').querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://example.com');
    expect(a?.getAttribute('target')).toBe('_blank');
    expect(a?.getAttribute('rel')).toBe('noopener noreferrer');
  });
});
