import type { Table } from 'apache-arrow';
import type { Row } from './types';

/**
 * Arrow → plain rows. BigInts become numbers (counts never exceed 2^53 here),
 * dates become ISO strings so no time zone can shift a day.
 */
export function tableToRows<T extends object = Row>(table: Table): T[] {
  const fields = table.schema.fields;
  const columns = fields.map((f) => table.getChild(f.name));
  const dateColumns = fields.map((f) => isDateType(f.type));
  const out: T[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const row: Row = {};
    for (let c = 0; c < fields.length; c++) {
      row[fields[c].name] = toPlain(columns[c]?.get(i), dateColumns[c]);
    }
    out[i] = row as T;
  }
  return out;
}

function isDateType(type: { typeId: number; toString(): string }): boolean {
  const name = type.toString();
  return name.startsWith('Date') || name.startsWith('Timestamp');
}

function toPlain(value: unknown, isDate: boolean): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    const n = Number(value);
    return isDate ? new Date(n).toISOString().slice(0, 10) : n;
  }
  if (isDate && typeof value === 'number') return new Date(value).toISOString().slice(0, 10);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && value !== null && 'toJSON' in value) {
    return (value as { toJSON(): unknown }).toJSON();
  }
  return value;
}
