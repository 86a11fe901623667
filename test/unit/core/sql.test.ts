// The one way a table or column name gets into SQL text: ident()/idents(), which know only the
// names the migrations create.
import { describe, expect, it } from 'vitest';
import { ident, idents, KNOWN_IDENTIFIERS, placeholders } from '../../../electron/core/store/sql';
import { testWorkbench } from '../../helpers/workbench';

describe('SQL identifiers', () => {
  it('names only tables and columns the migrated schema has', async () => {
    const wb = await testWorkbench();
    try {
      for (const [table, columns] of KNOWN_IDENTIFIERS) {
        const actual = wb.ctx.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table);
        expect(actual.length, `table ${table}`).toBeGreaterThan(0);
        expect(actual, `columns of ${table}`).toEqual(expect.arrayContaining([...columns]));
      }
    } finally {
      wb.close();
    }
  });

  it('passes a known name through unchanged and refuses anything else', () => {
    expect(ident('control_assessments')).toBe('control_assessments');
    expect(idents(['id', 'name'])).toBe('id, name');
    expect(placeholders(3)).toBe('?, ?, ?');
    for (const bad of ['projects; DROP TABLE projects', 'nosuch', '', 'id --', '"id"', undefined]) {
      expect(() => ident(bad)).toThrow(/not a table or column of the workbench schema/);
    }
    expect(() => idents([])).toThrow(/at least one column/);
    expect(() => idents(['id', 'x) VALUES (1); --'])).toThrow(/not a table or column/);
    expect(() => placeholders(0)).toThrow(/positive whole count/);
  });
});
