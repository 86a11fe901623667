// An assessor's review of one answer: approve it, or send it back with a comment. A review
// stops counting as soon as the answer changes.
import { useState } from 'react';
import { useWorkbench, write } from '../../data/queries';
import { useToast } from '../Toasts';

export function ReviewPanel({ projectId, controlId }: { projectId: string; controlId: string }) {
  const reviews = useWorkbench('listReviews', { projectId, controlId });
  const toast = useToast();
  const [comment, setComment] = useState('');
  const review = async (decision: 'approved' | 'rejected') => {
    try {
      await write('reviewControl', { projectId, controlId, decision, comment });
      setComment('');
      toast.info(decision === 'approved' ? 'Answer approved' : 'Answer sent back');
    } catch (err) {
      toast.error(err);
    }
  };
  const latest = reviews.data?.[0];
  return (
    <section className="review" aria-label="Review" data-testid="review-panel">
      <h3>Review</h3>
      {latest ? (
        <p data-testid="review-state">
          <span className={`badge ${latest.decision === 'approved' ? 'st-compliant' : 'st-non_compliant'}`}>{latest.decision === 'approved' ? 'Approved' : 'Rejected'}</span>{' '}
          by {latest.reviewer} on {latest.at.slice(0, 10)}{latest.comment ? `: “${latest.comment}”` : ''}
          {!latest.current ? <span className="muted small"> (the answer changed since: review again)</span> : null}
        </p>
      ) : <p className="muted">Not reviewed yet.</p>}
      <div className="inline-form">
        <input value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Comment (required to reject)" aria-label="Review comment" data-testid="review-comment" />
        <button type="button" className="small" onClick={() => void review('approved')} data-testid="approve">Approve</button>
        <button type="button" className="small" onClick={() => void review('rejected')} data-testid="reject">Reject</button>
      </div>
    </section>
  );
}
