// electron-builder afterPack hook (electron-builder.json "afterPack"): flips Electron's fuses in
// the packed binary before it is signed and wrapped, so the shipped app cannot be turned into a
// plain Node runtime (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect) and only runs the app from
// its own app.asar, checked against the integrity hash electron-builder embeds.
import { join } from 'node:path';
import fuses from '@electron/fuses';

const { flipFuses, FuseV1Options, FuseVersion } = fuses;

/** Exactly the fuses this project sets; every other fuse keeps Electron's default. */
export const FUSE_SETTINGS = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
};

/** electron-builder's Arch enum value for arm64. */
const ARCH_ARM64 = 3;

/** The Electron executable inside the packed app folder, per platform. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`);
  return join(appOutDir, packager.executableName ?? name);
}

export default async function afterPack(context) {
  await flipFuses(electronBinaryPath(context), {
    version: FuseVersion.V1,
    // flipping fuses breaks the ad-hoc signature of an arm64 macOS binary; sign it again
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === ARCH_ARM64,
    ...FUSE_SETTINGS,
  });
}
