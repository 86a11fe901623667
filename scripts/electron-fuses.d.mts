// Types for scripts/electron-fuses.mjs (the electron-builder afterPack hook), for its tests.
export type PackContext = {
  appOutDir: string;
  electronPlatformName: string;
  arch?: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
};
export const FUSE_SETTINGS: Record<number, boolean>;
export function electronBinaryPath(context: PackContext): string;
export default function afterPack(context: PackContext): Promise<void>;
