/** Load errors and warnings as sentences in the user's language. */
import { i18n, translate, type MessageKey } from '../i18n/i18n.svelte';
import { LoadError, type LoadFacts, type LoadWarning } from './errors';
import { ManifestError } from './sample';

function params(f: LoadFacts): Record<string, string | number> {
  const locale = i18n.locale;
  const nf = new Intl.NumberFormat(locale);
  const mb = (n: number) => `${nf.format(Math.round(n / 1e6))} MB`;
  return {
    file: f.file,
    column: f.column ?? '',
    count: f.count !== undefined ? nf.format(f.count) : '',
    total: f.total !== undefined ? nf.format(f.total) : '',
    expected: f.expected ?? '',
    detail: f.detail ?? '',
    where: f.row ? translate(locale, 'err.where', { row: f.row }) : '',
    examples: (f.examples ?? []).map((e) => translate(locale, 'err.example', { row: e.row, value: e.value })).join(', '),
    row: f.row ?? '',
    size: f.count !== undefined ? mb(f.count) : '',
    limit: f.limit !== undefined ? mb(f.limit) : '',
  };
}

export function describeLoadError(e: Error): string {
  if (e instanceof LoadError) return translate(i18n.locale, `err.${e.code}` as MessageKey, params(e.facts));
  if (e instanceof ManifestError) return translate(i18n.locale, `err.workspace.${e.code}` as MessageKey, { where: e.where, message: e.message });
  return translate(i18n.locale, 'common.error', { message: e.message });
}

export function describeWarning(w: LoadWarning): string {
  return translate(i18n.locale, `warn.${w.code}` as MessageKey, params(w.facts));
}

/** Share of the rows above which a warning is announced as an alert, not a notice. */
const SERIOUS_SHARE = 0.05;

/** Whether a warning touches more than a few percent of the rows (missing or unreadable values). */
export function isSeriousWarning(w: LoadWarning): boolean {
  return w.facts.count !== undefined && w.facts.total !== undefined && w.facts.total > 0 && w.facts.count > w.facts.total * SERIOUS_SHARE;
}
