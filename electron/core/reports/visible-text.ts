// What every export format does with characters a reader cannot see: NUL is removed (it ends
// strings in C tools and spreadsheets), and bidirectional controls, which can make stored text
// display in another order ("Trojan source"), are shown as a visible marker such as [U+202E], so
// an auditor sees that they are there instead of text silently reordered or silently changed.

const NUL = /\u0000/g;
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

function marker(ch: string): string {
  return `[U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`;
}

export function visibleText(text: string): string {
  return text.replace(NUL, '').replace(BIDI_CONTROLS, marker);
}

/** The same, applied to every string inside a JSON-like value (a report model). */
export function visibleStrings<T>(value: T): T {
  if (typeof value === 'string') return visibleText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => visibleStrings(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visibleStrings(v)])) as T;
  }
  return value;
}
