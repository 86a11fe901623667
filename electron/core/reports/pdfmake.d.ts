// The part of pdfmake 0.3's server-side API we use (@types/pdfmake is not installed and
// describes 0.2 anyway). In 0.3 `require('pdfmake')` is a ready instance, not a class.
declare module 'pdfmake' {
  export interface FontFamily {
    normal?: string;
    bold?: string;
    italics?: string;
    bolditalics?: string;
  }
  export interface VirtualFileSystem {
    existsSync(name: string): boolean;
    writeFileSync(name: string, content: Buffer | string): void;
  }
  export interface OutputDocument {
    getBuffer(): Promise<Buffer>;
  }
  export interface PdfMake {
    virtualfs: VirtualFileSystem;
    setFonts(fonts: Record<string, FontFamily>): void;
    setUrlAccessPolicy(policy: ((url: string) => boolean) | undefined): void;
    setLocalAccessPolicy(policy: ((path: string) => boolean) | undefined): void;
    createPdf(docDefinition: object, options?: object): OutputDocument;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
