import { describe, expect, it } from 'vitest';
import { FOLD_AT, foldText } from '../../../renderer/src/components/fold';

describe('foldText', () => {
  it('leaves a text of up to the limit whole', () => {
    expect(foldText('x'.repeat(FOLD_AT))).toBeNull();
    expect(foldText('')).toBeNull();
  });

  it('folds a longer text to its first characters and says how long it is', () => {
    expect(foldText('a'.repeat(FOLD_AT + 1))).toEqual({ head: `${'a'.repeat(FOLD_AT)}…`, length: FOLD_AT + 1 });
    expect(foldText('one two three', 8)).toEqual({ head: 'one two…', length: 13 });
  });

  it('counts characters, not UTF-16 units, and never splits one', () => {
    expect(foldText('🔒🔒🔒', 3)).toBeNull();
    expect(foldText('🔒🔒🔒🔒', 3)).toEqual({ head: '🔒🔒🔒…', length: 4 });
  });
});
