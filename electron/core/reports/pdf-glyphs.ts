// Characters the report's main font has no glyph for (emoji in a note, mostly) would print as
// empty boxes. pdfmake has no per-glyph font fallback, so before rendering every text is split
// into runs: what DejaVu Sans covers stays in it, what only the fallback font (Noto Emoji,
// monochrome: PDF text cannot carry colour glyphs) covers is set in that font, and a character
// neither covers prints as a visible marker such as [U+1FAE8], never as a box or a blank.

/** Which code points each font can draw. */
export type GlyphCoverage = { primary: (codePoint: number) => boolean; fallback: (codePoint: number) => boolean };

export type TextRun = { text: string; fallback: boolean };

/** Code points that belong to the character before them (joiners, variation selectors, keycaps, skin tones). */
function joinsPrevious(cp: number): boolean {
  return cp === 0x200d || cp === 0xfe0e || cp === 0xfe0f || cp === 0x20e3 || (cp >= 0x1f3fb && cp <= 0x1f3ff);
}

function marker(cp: number): string {
  return `[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`;
}

/** Splits `text` into runs of the primary and the fallback font; characters neither font has become markers. */
export function glyphRuns(text: string, coverage: GlyphCoverage): TextRun[] {
  const runs: TextRun[] = [];
  const push = (s: string, fallback: boolean): void => {
    const last = runs[runs.length - 1];
    if (last && last.fallback === fallback) last.text += s;
    else runs.push({ text: s, fallback });
  };
  let previousFallback = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || ch === ' ' || (joinsPrevious(cp) && previousFallback)) {
      push(ch, cp >= 0x20 && previousFallback);
      continue;
    }
    if (coverage.primary(cp)) {
      previousFallback = false;
      push(ch, false);
    } else if (coverage.fallback(cp)) {
      previousFallback = true;
      push(ch, true);
    } else {
      previousFallback = false;
      push(joinsPrevious(cp) ? '' : marker(cp), false);
    }
  }
  return runs.filter((r) => r.text !== '');
}

type Json = unknown;
type Inline = string | Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A copy of a pdfmake document definition whose texts use `fallbackFont` for the characters only it
 * covers. Table cells, stacks, columns and inline text arrays are all reached; header and footer
 * functions are wrapped so their output is treated the same way.
 */
export function withGlyphFallback<T>(doc: T, coverage: GlyphCoverage, fallbackFont: string): T {
  const needsWork = (s: string): boolean => {
    for (const r of glyphRuns(s, coverage)) if (r.fallback) return true;
    return false;
  };
  const inlines = (s: string, style: Record<string, unknown>): Inline[] => {
    const runs = glyphRuns(s, coverage);
    return runs.map((r) => (r.fallback ? { ...style, text: r.text, font: fallbackFont } : Object.keys(style).length ? { ...style, text: r.text } : r.text));
  };
  const plain = (s: string): string => glyphRuns(s, coverage).map((r) => r.text).join('');

  // An inline text array: a run that needs another font becomes several inlines, each keeping the style (pdfmake drops the style of nested arrays).
  const textArray = (items: Json[]): Json[] =>
    items.flatMap((item): Json[] => {
      if (typeof item === 'string') return needsWork(item) ? inlines(item, {}) : [plain(item)];
      if (isRecord(item) && typeof item.text === 'string') {
        const { text, ...style } = item;
        return needsWork(text) ? inlines(text, style) : [{ ...item, text: plain(text) }];
      }
      if (isRecord(item) && Array.isArray(item.text)) return [{ ...(node(item) as Record<string, unknown>), text: textArray(item.text) }];
      return [node(item)];
    });

  const node = (v: Json): Json => {
    if (typeof v === 'string') return needsWork(v) ? { text: inlines(v, {}) } : plain(v);
    if (Array.isArray(v)) return v.map(node);
    if (typeof v === 'function') {
      const f = v as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => node(f(...args));
    }
    if (!isRecord(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, value] of Object.entries(v)) {
      if (k === 'text') out[k] = typeof value === 'string' ? (needsWork(value) ? inlines(value, {}) : plain(value)) : Array.isArray(value) ? textArray(value) : node(value);
      else if (STRUCTURAL.has(k) || typeof value === 'function') out[k] = node(value);
      else out[k] = value;
    }
    return out;
  };
  return node(doc) as T;
}

/** The keys under which a pdfmake definition nests content (everything else is style or layout). */
const STRUCTURAL = new Set(['content', 'stack', 'columns', 'table', 'body', 'ul', 'ol', 'header', 'footer', 'toc', 'title']);
