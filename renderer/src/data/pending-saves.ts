// Edits typed but not yet saved (a debounced note, owner or due date). Anything that is about to
// lose the page — a reload, closing the window, hiding the tab, navigating — flushes them first.
export type PendingSave = {
  /** Saves what is typed now; resolves once the core has it (or it failed and said so). */
  flush: () => Promise<void>;
  /** True while something typed has not reached the core yet. */
  unsaved: () => boolean;
};

const pending = new Set<PendingSave>();

/** Registers an editor's pending save; returns the function that unregisters it. */
export function registerPendingSave(save: PendingSave): () => void {
  pending.add(save);
  return () => { pending.delete(save); };
}

export function hasUnsavedEdits(): boolean {
  return [...pending].some((save) => save.unsaved());
}

/** Saves every pending edit now. */
export async function flushPendingSaves(): Promise<void> {
  await Promise.allSettled([...pending].map((save) => save.flush()));
}

declare global {
  interface Window {
    /** For the desktop shell: main calls this (and awaits it) before it closes or reloads the window. */
    __cwbFlush?: () => Promise<void>;
  }
}

/** Wires the page's own "about to go away" moments to the flush, and exposes it for main. */
export function installPendingSaveFlush(): void {
  window.__cwbFlush = flushPendingSaves;
  const flushNow = () => { void flushPendingSaves(); };
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flushNow(); });
  window.addEventListener('pagehide', flushNow);
  window.addEventListener('hashchange', flushNow);
  window.addEventListener('beforeunload', (e) => {
    if (!hasUnsavedEdits()) return;
    flushNow();
    // the save is on its way (keepalive in browser mode); still ask, since it may not land in time
    e.preventDefault();
  });
}
