// A checkbox that can also show "some selected", and never takes focus from the grid on click.
import { useEffect, useRef } from 'react';

export function TriCheckbox({ checked, indeterminate = false, label, onToggle, disabled, testId, tabbable = false }: {
  checked: boolean;
  /** Inside grid rows the grid holds focus; the header's select-all is a normal tab stop. */
  tabbable?: boolean;
  indeterminate?: boolean;
  label: string;
  onToggle: (e: React.MouseEvent<HTMLInputElement>) => void;
  disabled?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate && !checked;
  }, [indeterminate, checked]);
  return (
    <input
      ref={ref}
      type="checkbox"
      tabIndex={tabbable ? 0 : -1}
      checked={checked}
      disabled={disabled}
      aria-label={label}
      data-testid={testId}
      onMouseDown={tabbable ? undefined : (e) => e.preventDefault()}
      onClick={(e) => { e.stopPropagation(); onToggle(e); }}
      onChange={() => undefined}
    />
  );
}
