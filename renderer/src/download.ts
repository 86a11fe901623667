// Saving bytes the core produced: a download in browser mode; in Electron the same anchor opens
// the native save dialog.
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function saveBytes(fileName: string, mediaType: string, contentBase64: string): string {
  const url = URL.createObjectURL(new Blob([base64ToBytes(contentBase64)], { type: mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  return url;
}
