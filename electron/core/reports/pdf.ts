// Renders the evidence report as PDF with pdfmake 0.3 (its server-side instance API), embedding
// DejaVu fonts so every name prints (Łódź, Müller, Ærø, →, ✓), and Noto Emoji (OFL-1.1) for what
// DejaVu lacks (emoji in a note). pdfmake is given no file-system or network access: the fonts
// are handed over as bytes in its virtual file system.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import type { PdfMake } from 'pdfmake';
import type { ReportKind, ReportModel } from '../../../shared/report-model';
import { checkReportModel } from './model';
import { buildPdfDocument } from './pdf-document';
import { buildSummaryDocument } from './pdf-summary';
import { withGlyphFallback, type GlyphCoverage } from './pdf-glyphs';

const FONT_FILES = {
  'DejaVuSans.ttf': 'DejaVuSans.ttf',
  'DejaVuSans-Bold.ttf': 'DejaVuSans-Bold.ttf',
  'DejaVuSans-Oblique.ttf': 'DejaVuSans-Oblique.ttf',
  'DejaVuSans-BoldOblique.ttf': 'DejaVuSans-BoldOblique.ttf',
  'DejaVuSansMono.ttf': 'DejaVuSansMono.ttf',
} as const;

/** Monochrome emoji: pdfmake (PDF text) cannot draw colour glyphs. */
const EMOJI_FILES = {
  'NotoEmoji-Regular.ttf': '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
  'NotoEmoji-Bold.ttf': '@expo-google-fonts/noto-emoji/700Bold/NotoEmoji_700Bold.ttf',
} as const;

const VFS_DIR = 'compliance-workbench-fonts';
let coverage: GlyphCoverage | null = null;

type PdfStack = { pdfmake: PdfMake; fontkit: typeof Fontkit };
/** pdfmake and its font stack (pdfkit, fontkit) load on the first PDF, not with every process that might make one. */
let stackLoading: Promise<PdfStack> | undefined;
function loadPdfStack(): Promise<PdfStack> {
  stackLoading ??= Promise.all([import('pdfmake'), import('fontkit')]).then(([p, f]) => ({ pdfmake: p.default, fontkit: f }));
  return stackLoading;
}

/** Where a font file lives: in its npm package, resolved like any dependency (literal package names, so the packaging check sees them). */
function resolvePackageFile(spec: string): string {
  const require = createRequire(import.meta.url);
  if (spec.startsWith('dejavu-fonts-ttf/ttf/')) return require.resolve(`dejavu-fonts-ttf/ttf/${spec.slice('dejavu-fonts-ttf/ttf/'.length)}`);
  return require.resolve(`@expo-google-fonts/noto-emoji/${spec.slice('@expo-google-fonts/noto-emoji/'.length)}`);
}

/** Whether a font has a glyph, asked once per code point. */
function covers(font: Fontkit.Font): (codePoint: number) => boolean {
  const known = new Map<number, boolean>();
  return (cp) => {
    let has = known.get(cp);
    if (has === undefined) {
      has = font.hasGlyphForCodePoint(cp);
      known.set(cp, has);
    }
    return has;
  };
}

function loadFonts({ pdfmake, fontkit }: PdfStack): GlyphCoverage {
  if (coverage) return coverage;
  for (const file of Object.keys(FONT_FILES)) {
    pdfmake.virtualfs.writeFileSync(`${VFS_DIR}/${file}`, readFileSync(resolvePackageFile(`dejavu-fonts-ttf/ttf/${file}`)));
  }
  for (const [file, spec] of Object.entries(EMOJI_FILES)) {
    pdfmake.virtualfs.writeFileSync(`${VFS_DIR}/${file}`, readFileSync(resolvePackageFile(spec)));
  }
  coverage = {
    primary: covers(fontkit.create(readFileSync(resolvePackageFile('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')))),
    fallback: covers(fontkit.create(readFileSync(resolvePackageFile(EMOJI_FILES['NotoEmoji-Regular.ttf'])))),
  };
  return coverage;
}

function configure(stack: PdfStack): GlyphCoverage {
  const { pdfmake } = stack;
  const glyphs = loadFonts(stack);
  const at = (f: keyof typeof FONT_FILES | keyof typeof EMOJI_FILES): string => `${VFS_DIR}/${f}`;
  pdfmake.setFonts({
    DejaVu: {
      normal: at('DejaVuSans.ttf'),
      bold: at('DejaVuSans-Bold.ttf'),
      italics: at('DejaVuSans-Oblique.ttf'),
      bolditalics: at('DejaVuSans-BoldOblique.ttf'),
    },
    DejaVuMono: {
      normal: at('DejaVuSansMono.ttf'),
      bold: at('DejaVuSansMono.ttf'),
      italics: at('DejaVuSansMono.ttf'),
      bolditalics: at('DejaVuSansMono.ttf'),
    },
    [EMOJI_FONT]: {
      normal: at('NotoEmoji-Regular.ttf'),
      bold: at('NotoEmoji-Bold.ttf'),
      italics: at('NotoEmoji-Regular.ttf'),
      bolditalics: at('NotoEmoji-Bold.ttf'),
    },
  });
  // The report embeds nothing from outside: no URL is fetched, no local file is opened.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  return glyphs;
}

const EMOJI_FONT = 'NotoEmoji';

/** Told while pages are drawn: the page being written and how many there are. */
export type PdfProgress = (p: { page: number; pages: number }) => void;

export type PdfOptions = {
  /** 'full' (default): every section; 'summary': what an auditor reads first, a few pages. */
  kind?: ReportKind;
  onProgress?: PdfProgress;
};

export async function renderPdf(input: ReportModel, options: PdfOptions = {}): Promise<Buffer> {
  const m = checkReportModel(input);
  return renderPdfDefinition(options.kind === 'summary' ? buildSummaryDocument(m) : buildPdfDocument(m), options.onProgress);
}

/**
 * Renders another pdfmake document (e.g. the audit session minutes) with the same setup: fonts
 * 'DejaVu' (normal, bold, italics, bolditalics) and 'DejaVuMono', no URL or local file access.
 * Set `info.creationDate` yourself if the same input must give the same bytes.
 */
export async function renderPdfDefinition(doc: object, onProgress?: PdfProgress): Promise<Buffer> {
  const stack = await loadPdfStack();
  const { pdfmake } = stack;
  const glyphs = configure(stack);
  const definition = withGlyphFallback(doc, glyphs, EMOJI_FONT) as Record<string, unknown>;
  if (!onProgress) return pdfmake.createPdf(definition).getBuffer();
  // The footer is asked for once per page as it is written: that is the page progress.
  const footer = definition.footer as ((page: number, pages: number, size: unknown) => unknown) | undefined;
  return pdfmake
    .createPdf({
      ...definition,
      footer: (page: number, pages: number, size: unknown) => {
        onProgress({ page, pages });
        return footer ? footer(page, pages, size) : null;
      },
    })
    .getBuffer();
}
