// Small renderer hooks: the shape of loaded data (the query cache in data/queries.ts returns it) and
// keyboard handling.
import { useEffect, useRef } from 'react';

export type Loaded<T> = { data: T | undefined; error: Error | undefined; loading: boolean; reload: () => Promise<void> };

/** True while focus is in a field where keys are text, not shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

/** A window keydown listener that always sees the latest render's handler. */
export function useKeyboard(handler: (e: KeyboardEvent) => void): void {
  const current = useRef(handler);
  current.current = handler;
  useEffect(() => {
    const listener = (e: KeyboardEvent) => current.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
