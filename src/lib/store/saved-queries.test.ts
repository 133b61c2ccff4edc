import { describe, expect, it } from 'vitest';
import { parseSavedQueries, withQuery, withoutQuery } from './saved-queries';

describe('saved queries', () => {
  it('adds by name, replaces the same name, keeps them sorted, refuses empty names or SQL', () => {
    let list = withQuery([], ' Top reps ', 'SELECT 1');
    list = withQuery(list, 'By month', 'SELECT 2');
    list = withQuery(list, 'Top reps', 'SELECT 3');
    expect(list).toEqual([
      { name: 'By month', sql: 'SELECT 2' },
      { name: 'Top reps', sql: 'SELECT 3' },
    ]);
    expect(withQuery(list, '  ', 'SELECT 4')).toEqual(list);
    expect(withQuery(list, 'x', '   ')).toEqual(list);
    expect(withoutQuery(list, 'By month')).toEqual([{ name: 'Top reps', sql: 'SELECT 3' }]);
  });

  it('reads back only well-formed entries', () => {
    expect(parseSavedQueries([{ name: 'a', sql: 'SELECT 1' }, { name: '', sql: 'x' }, { name: 'b' }, null, 'c'])).toEqual([{ name: 'a', sql: 'SELECT 1' }]);
    expect(parseSavedQueries({ name: 'a' })).toEqual([]);
  });
});
