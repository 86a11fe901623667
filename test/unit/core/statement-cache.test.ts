import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from '../../../electron/core/store/statement-cache';

function connection() {
  const db = new Database(':memory:');
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO t (name) VALUES ('a'), ('b'), ('c');");
  cacheStatements(db);
  return db;
}

describe('prepared statements cached per connection', () => {
  it('gives back the same statement for the same text, and another for another text', () => {
    const db = connection();
    const first = db.prepare('SELECT name FROM t ORDER BY id');
    expect(db.prepare('SELECT name FROM t ORDER BY id')).toBe(first);
    expect(db.prepare('SELECT id FROM t ORDER BY id')).not.toBe(first);
  });

  it('resets pluck and raw, so one caller\'s mode never reaches the next', () => {
    const db = connection();
    expect(db.prepare('SELECT id, name FROM t WHERE id = ?').pluck().get(1)).toBe(1);
    expect(db.prepare('SELECT id, name FROM t WHERE id = ?').get(1)).toEqual({ id: 1, name: 'a' });
    expect(db.prepare('SELECT id, name FROM t WHERE id = ?').raw().get(2)).toEqual([2, 'b']);
    expect(db.prepare('SELECT id, name FROM t WHERE id = ?').get(3)).toEqual({ id: 3, name: 'c' });
  });

  it('hands a statement that is still iterating to no one else: a nested use of the same text gets its own', () => {
    const db = connection();
    const sql = 'SELECT id FROM t ORDER BY id';
    const pairs: Array<[number, number]> = [];
    for (const outer of db.prepare(sql).pluck().iterate() as IterableIterator<number>) {
      for (const inner of db.prepare(sql).pluck().iterate() as IterableIterator<number>) pairs.push([outer, inner]);
    }
    expect(pairs).toHaveLength(9);
  });

  it('keeps writes working through cached statements', () => {
    const db = connection();
    for (const name of ['d', 'e']) db.prepare('INSERT INTO t (name) VALUES (?)').run(name);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(5);
  });
});
