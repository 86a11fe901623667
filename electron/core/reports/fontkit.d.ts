// The part of fontkit 2 we use: open a font from its bytes and ask whether it has a glyph for a
// code point (fontkit ships no types; it is pdfkit's own font reader).
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
