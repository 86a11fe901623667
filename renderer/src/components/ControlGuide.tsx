// What a control asks and how to check it: objective, steps, AWS CLI commands with a copy button,
// accepted evidence, and the requirements it satisfies.
import { useToast } from './Toasts';
import type { ControlDetail } from '../../../shared/api';
import { useFrameworkName } from '../data/framework-names';

export function CopyButton({ text }: { text: string }) {
  const toast = useToast();
  return (
    <button type="button" className="ghost small" aria-label={`Copy command: ${text}`}
      onClick={() => navigator.clipboard.writeText(text).then(() => toast.info('Command copied'), () => toast.error('The clipboard is not available here; select the command and copy it.'))}>
      Copy
    </button>
  );
}

export function ControlGuide({ detail }: { detail: ControlDetail }) {
  const frameworkName = useFrameworkName();
  const { control, requirements } = detail;
  return (
    <div className="guide">
      <p className="objective">{control.objective}</p>
      <h3>How to verify</h3>
      <ol className="steps">{control.verification.steps.map((s, i) => <li key={i}>{s}</li>)}</ol>
      {control.verification.commands.length ? (
        <ul className="commands" aria-label="AWS CLI commands">
          {control.verification.commands.map((c) => (
            <li key={c}><code tabIndex={0}>{c}</code><CopyButton text={c} /></li>
          ))}
        </ul>
      ) : null}
      <h3>Evidence that satisfies it</h3>
      <ul className="bullets">{control.evidence.map((e, i) => <li key={i}>{e}</li>)}</ul>
      <h3>Requirements satisfied</h3>
      <ul className="requirements">
        {requirements.map((r) => (
          <li key={`${r.framework}-${r.id}`}>
            <span className={`chip fw-${r.framework}`}>{frameworkName(r.framework)}</span>
            <span className="mono">{r.id}</span> {r.title}
            {r.coverage === 'partial' ? <span className="muted small"> (partly)</span> : null}
          </li>
        ))}
      </ul>
      {control.noMapping.length ? (
        <p className="muted small">{control.noMapping.map((n) => `${frameworkName(n.framework)}: ${n.reason}`).join(' · ')}</p>
      ) : null}
    </div>
  );
}
