// Loading data from the workbench: a value, its error, and a reload the screen calls after a change.
import { useCallback, useEffect, useRef, useState } from 'react';

export type Loaded<T> = { data: T | undefined; error: Error | undefined; loading: boolean; reload: () => Promise<void> };

/** Runs `load` when any of `deps` changes (compared by value), and on `reload()`. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;
  const key = JSON.stringify(deps);

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const value = await loader.current();
      if (ticket === latest.current) {
        setData(value);
        setError(undefined);
      }
    } catch (err) {
      if (ticket === latest.current) setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [key, reload]);

  return { data, error, loading, reload };
}

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
