// Folding a long text to its first characters, counted in code points so an emoji or any
// character outside the BMP is never cut in half. No DOM here.

/** How many characters the history shows of a long note before "Show all". */
export const FOLD_AT = 300;

/** The text's first `limit` characters with an ellipsis, or null when it is short enough to show whole. */
export function foldText(text: string, limit = FOLD_AT): { head: string; length: number } | null {
  const chars = Array.from(text);
  if (chars.length <= limit) return null;
  return { head: `${chars.slice(0, limit).join('').trimEnd()}…`, length: chars.length };
}
