// Makes any user text safe to place in CommonMark + GFM, in a paragraph, heading or table cell:
// it renders as exactly the characters the user typed and can never become a link, image, HTML,
// emphasis, code, a heading, a list, or break a table row. CommonMark lets a backslash escape
// any ASCII punctuation character, so escaping more than strictly needed never changes meaning.

import { visibleText } from './visible-text';

/** Characters that start or end Markdown/GFM syntax wherever they appear on a line. */
const ALWAYS = new Set([...'\\`*_[]<>|~#$@']);
/** Characters that only matter at the start of a line (lists, headings, thematic breaks, setext). */
const AT_START = new Set([...'-+=']);

// Line breaks of every kind, tabs and other control characters become one space: a table cell
// or heading is one line, and a newline must not end the row or start a block.
const BREAKS = /\r\n|[\r\n\t\v\f\u0085\u2028\u2029]|[\u0000-\u0008\u000e-\u001f\u007f]/g;

/**
 * Text in which the walk below would escape nothing: none of the characters it always escapes, no
 * "-", "+" or "=" first, no "1." or "1)" list start, no "www." or "://" autolink, no "&". Most
 * names, ids and notes are such text, and are returned as they are without a walk.
 */
const MAY_NEED_ESCAPES = /[\\`*_[\]<>|~#$@&]|:\/\/|^[-+=]|^\d+[.)](?: |$)|www\./i;

export function escapeMarkdown(text: string): string {
  const flat = visibleText(text).replace(BREAKS, ' ').replace(/ {2,}/g, ' ').trim();
  return MAY_NEED_ESCAPES.test(flat) ? escapeWalk(flat) : flat;
}

/** The escaping of one line of text, character by character (exported for the test that the shortcut above loses nothing). */
export function escapeWalk(flat: string): string {
  let out = '';
  let digitsSoFar = true; // the text so far is all digits: "1." / "1)" would start a list
  const entity = /#?[A-Za-z0-9]+;/y;
  for (let i = 0; i < flat.length; i++) {
    const ch = flat[i] as string;
    const atEnd = i + 1 === flat.length || flat[i + 1] === ' ';
    if (ALWAYS.has(ch) || (i === 0 && AT_START.has(ch))) {
      out += `\\${ch}`;
    } else if ((ch === '.' || ch === ')') && i > 0 && digitsSoFar && atEnd) {
      out += `\\${ch}`;
    } else if (ch === '.' && i >= 3 && flat.slice(i - 3, i).toLowerCase() === 'www' && !/[A-Za-z0-9]/.test(flat[i - 4] ?? '')) {
      out += '\\.'; // "www.example.com" would become a GFM autolink
    } else if (ch === ':' && flat.startsWith('//', i + 1)) {
      out += '\\:'; // "https://..." would become a GFM autolink
    } else if (ch === '&' && ((entity.lastIndex = i + 1), entity.test(flat))) {
      out += '\\&'; // "&lt;" would be decoded as a character reference
    } else {
      out += ch;
    }
    digitsSoFar = digitsSoFar && ch >= '0' && ch <= '9';
  }
  return out;
}

/** Inverse of escapeMarkdown's escaping (not of its whitespace folding); used by tests and checks. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
