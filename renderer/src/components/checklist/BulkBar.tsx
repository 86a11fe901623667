// Changing many controls at once: a status, an owner, or both, for every selected control, in one
// step. Nothing changes on screen until the core has committed it.
import { useState, type FormEvent } from 'react';
import type { ControlStatus } from '../../../../shared/domain';
import { CONTROL_STATUSES, STATUS_LABELS } from '../../../../shared/domain';

export type BulkChange = { status?: ControlStatus; owner?: string };

export function BulkBar({ selected, hidden, owners, saving, onApply, onClear }: {
  selected: number;
  /** Selected controls the current filters do not show: they change too, so say so. */
  hidden: number;
  owners: string[];
  saving: boolean;
  onApply: (change: BulkChange) => Promise<boolean>;
  onClear: () => void;
}) {
  const [status, setStatus] = useState<ControlStatus | ''>('');
  const [owner, setOwner] = useState('');
  const change: BulkChange = { ...(status ? { status } : {}), ...(owner.trim() ? { owner: owner.trim() } : {}) };
  const ready = selected > 0 && Object.keys(change).length > 0 && !saving;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    if (await onApply(change)) {
      setStatus('');
      setOwner('');
    }
  };

  return (
    <form className="cl-bulk" onSubmit={submit} aria-label="Change the selected controls" data-testid="bulk-bar">
      <label className="cl-field">
        <span>Set status</span>
        <select value={status} onChange={(e) => setStatus(e.target.value as ControlStatus | '')} disabled={selected === 0} data-testid="bulk-status">
          <option value="">Keep</option>
          {CONTROL_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
        </select>
      </label>
      <label className="cl-field">
        <span>Set owner</span>
        <input
          value={owner}
          onChange={(e) => setOwner(e.target.value)}
          list="cl-owner-names"
          placeholder="Keep"
          maxLength={200}
          disabled={selected === 0}
          data-testid="bulk-owner"
        />
        <datalist id="cl-owner-names">{owners.map((o) => <option key={o} value={o} />)}</datalist>
      </label>
      <button type="submit" className="primary" disabled={!ready} data-testid="bulk-apply">
        {saving ? 'Saving…' : `Apply to ${selected.toLocaleString()}`}
      </button>
      <button type="button" className="ghost" onClick={onClear} disabled={selected === 0 || saving} data-testid="clear-selection">Clear selection</button>
      {hidden > 0 ? <span className="warn small" data-testid="hidden-selected">{hidden.toLocaleString()} selected not shown by the filters</span> : null}
    </form>
  );
}
