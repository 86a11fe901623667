// Renders the evidence report as PDF with pdfmake 0.3 (its server-side instance API), embedding
// DejaVu fonts so every name prints (Łódź, Müller, Ærø, →, ✓). pdfmake is given no file-system or
// network access: the fonts are handed over as bytes in its virtual file system.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PdfMake } from 'pdfmake';
import type { ReportModel } from '../../../shared/report-model';
import { checkReportModel } from './model';
import { buildPdfDocument } from './pdf-document';

const FONT_FILES = {
  'DejaVuSans.ttf': 'DejaVuSans.ttf',
  'DejaVuSans-Bold.ttf': 'DejaVuSans-Bold.ttf',
  'DejaVuSans-Oblique.ttf': 'DejaVuSans-Oblique.ttf',
  'DejaVuSans-BoldOblique.ttf': 'DejaVuSans-BoldOblique.ttf',
  'DejaVuSansMono.ttf': 'DejaVuSansMono.ttf',
} as const;

const VFS_DIR = 'compliance-workbench-fonts';
let fontsLoaded = false;

/** pdfmake and its font stack (pdfkit, fontkit) load on the first PDF, not with every process that might make one. */
let pdfmakeLoading: Promise<PdfMake> | undefined;
function loadPdfmake(): Promise<PdfMake> {
  pdfmakeLoading ??= import('pdfmake').then((m) => m.default);
  return pdfmakeLoading;
}

/** Where the DejaVu TTFs live: the dejavu-fonts-ttf package, resolved like any dependency. */
function fontPath(file: string): string {
  const require = createRequire(import.meta.url);
  return require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
}

function loadFonts(pdfmake: PdfMake): void {
  if (fontsLoaded) return;
  for (const file of Object.keys(FONT_FILES)) {
    pdfmake.virtualfs.writeFileSync(`${VFS_DIR}/${file}`, readFileSync(fontPath(file)));
  }
  fontsLoaded = true;
}

function configure(pdfmake: PdfMake): void {
  loadFonts(pdfmake);
  const at = (f: keyof typeof FONT_FILES): string => `${VFS_DIR}/${f}`;
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
  });
  // The report embeds nothing from outside: no URL is fetched, no local file is opened.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
}

export async function renderPdf(input: ReportModel): Promise<Buffer> {
  const m = checkReportModel(input);
  return renderPdfDefinition(buildPdfDocument(m));
}

/**
 * Renders another pdfmake document (e.g. the audit session minutes) with the same setup: fonts
 * 'DejaVu' (normal, bold, italics, bolditalics) and 'DejaVuMono', no URL or local file access.
 * Set `info.creationDate` yourself if the same input must give the same bytes.
 */
export async function renderPdfDefinition(doc: object): Promise<Buffer> {
  const pdfmake = await loadPdfmake();
  configure(pdfmake);
  return pdfmake.createPdf(doc).getBuffer();
}
