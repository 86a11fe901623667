// Names for files the app writes from text people typed (project names, session titles): safe on
// every file system, lower-case words joined by hyphens, at most 60 characters; '' when nothing is left.
export function fileSlug(text: string): string {
  return text.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().toLowerCase().replace(/[\s_-]+/g, '-').slice(0, 60);
}
