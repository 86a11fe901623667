// Saving bytes the core produced: a download in browser mode; in Electron the same anchor opens
// the native save dialog.
import { base64ToBytes } from './bytes';

export function saveBytes(fileName: string, mediaType: string, contentBase64: string): string {
  return saveBlob(fileName, new Blob([base64ToBytes(contentBase64)], { type: mediaType }));
}

export function saveBlob(fileName: string, blob: Blob): string {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  return url;
}
