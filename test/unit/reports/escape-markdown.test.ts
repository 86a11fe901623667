import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, escapeWalk, unescapeMarkdown } from '../../../electron/core/reports/escape-markdown';
import { unescapedChars } from './helpers';
import { visibleText } from '../../../electron/core/reports/visible-text';

const SYNTAX = new Set([...'\\`*_[]<>|~#$@']);

const tricky = fc.string({
  unit: fc.constantFrom(...'ab 1.)-+=#*_`[]()<>|~&!:/@$\\\n\r\t\u202eŁóźÆø→✓wW'.split('')),
  maxLength: 60,
});

describe('escapeMarkdown', () => {
  it('escapes the examples an attacker would try', () => {
    expect(escapeMarkdown('[link](http://evil)')).toBe('\\[link\\](http\\://evil)');
    expect(escapeMarkdown('<script>alert(1)</script>')).toBe('\\<script\\>alert(1)\\</script\\>');
    expect(escapeMarkdown('a | b')).toBe('a \\| b');
    expect(escapeMarkdown('*bold* `code`')).toBe('\\*bold\\* \\`code\\`');
    expect(escapeMarkdown('# heading')).toBe('\\# heading');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('www.evil.example')).toBe('www\\.evil.example');
    expect(escapeMarkdown('&lt;b&gt; & done')).toBe('\\&lt;b\\&gt; & done');
    expect(escapeMarkdown('line one\nline two\r\n\r\nthree')).toBe('line one line two three');
    expect(escapeMarkdown('C:\\temp')).toBe('C:\\\\temp');
    expect(escapeMarkdown('left\u202Eright')).toBe('left\\[U+202E\\]right'); // shown, not dropped
  });

  it('returns text without a walk only where the walk would change nothing', () => {
    // one line, as the walk gets it: no breaks, no double spaces, no space at either end
    const line = tricky.map((t) => visibleText(t).replace(/[\r\n\t]/g, ' ').replace(/ {2,}/g, ' ').trim());
    fc.assert(fc.property(line, (t) => escapeMarkdown(t) === escapeWalk(t)), { numRuns: 3000 });
    for (const t of ['12) done', '3.', 'see WWW.x', 'a://b', 'a & b', '=x', 'x-y.z', 'Run 5: ok.', '2026-12-04']) expect(escapeMarkdown(t)).toBe(escapeWalk(t));
  });

  it('leaves ordinary text and non-ASCII names alone', () => {
    expect(escapeMarkdown('Łódź, Müller, Ærø → done ✓')).toBe('Łódź, Müller, Ærø → done ✓');
    expect(escapeMarkdown('3.5.1 (a)(1) v4.0.1')).toBe('3.5.1 (a)(1) v4.0.1');
  });

  it('never leaves a line break or an unescaped syntax character', () => {
    fc.assert(
      fc.property(tricky, (s) => {
        const out = escapeMarkdown(s);
        expect(out).not.toMatch(/[\r\n\t\u202e]/);
        for (const ch of unescapedChars(out)) expect(SYNTAX.has(ch)).toBe(false);
        expect(out).not.toMatch(/(^|[^\\]):\/\//); // no autolink scheme
      }),
      { numRuns: 2000 },
    );
  });

  it('renders back to exactly the text typed (for single-line text)', () => {
    fc.assert(
      fc.property(tricky, (raw) => {
        const s = raw.replace(/[\r\n\t\u202e]/g, ' ').replace(/ {2,}/g, ' ').trim();
        expect(unescapeMarkdown(escapeMarkdown(s))).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});
