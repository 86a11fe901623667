// Saving bytes the core produced: a download in browser mode; in Electron the same anchor opens
// the native save dialog.
import { base64ToBytes } from './bytes';

export function saveBytes(fileName: string, mediaType: string, contentBase64: string): void {
  saveBlob(fileName, new Blob([base64ToBytes(contentBase64)], { type: mediaType }));
}

/**
 * Saves the blob under this name. Its object URL is let go a second after the click (the download
 * holds the data by then): a URL never revoked keeps the whole file in memory until the window
 * closes, and a masked copy or a report can be hundreds of MB.
 */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
