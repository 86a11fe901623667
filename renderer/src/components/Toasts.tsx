// Short messages at the corner: what was saved, and what went wrong in the core's own words.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** A button in the toast, e.g. Undo; pressing it runs the action and dismisses the toast. */
export type ToastAction = { label: string; run: () => void };
type Toast = { id: number; kind: 'info' | 'error'; text: string; action?: ToastAction };
type ToastApi = { info: (text: string, action?: ToastAction) => void; error: (err: unknown) => void };

const ToastContext = createContext<ToastApi>({ info: () => undefined, error: () => undefined });

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const push = useCallback((kind: Toast['kind'], text: string, action?: ToastAction) => {
    const id = Date.now() + Math.random();
    setToasts((t) => [...t.slice(-3), { id, kind, text, action }]);
    // a toast with a button stays long enough to reach it
    setTimeout(() => dismiss(id), kind === 'error' || action ? 8000 : 2500);
  }, [dismiss]);
  const api = useMemo<ToastApi>(() => ({
    info: (text, action) => push('info', text, action),
    error: (err) => push('error', err instanceof Error ? err.message : String(err)),
  }), [push]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : undefined}>
            {t.text}
            {t.action ? (
              <button type="button" className="toast-action" onClick={() => { dismiss(t.id); t.action?.run(); }}>{t.action.label}</button>
            ) : null}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
