// The desktop app keeps the profile's private key wrapped by the OS keychain (Electron
// safeStorage: Keychain, DPAPI, libsecret). Core never imports 'electron': main hands it this.
import { safeStorage } from 'electron';
import type { KeyWrapping } from '../core/identity/key-file';

/** safeStorage wrapping when the OS offers it; undefined (a plain 0600 file) when it does not. */
export function safeStorageWrapping(): KeyWrapping | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return {
    name: 'safeStorage',
    wrap: (plain) => safeStorage.encryptString(plain.toString('base64')),
    unwrap: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'base64'),
  };
}
