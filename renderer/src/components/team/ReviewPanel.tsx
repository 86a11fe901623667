// An assessor's review of one answer: approve it, or send it back with a comment. A review
// stops counting as soon as the answer changes.
import { useState } from 'react';
import { api } from '../../api';
import { useLoad } from '../../hooks';
import { useToast } from '../Toasts';

export function ReviewPanel({ projectId, controlId, onChanged }: { projectId: string; controlId: string; onChanged: () => void }) {
  const reviews = useLoad(() => api.listReviews({ projectId, controlId }), [projectId, controlId]);
  const toast = useToast();
  const [comment, setComment] = useState('');
  const review = async (decision: 'approved' | 'rejected') => {
    try {
      await api.reviewControl({ projectId, controlId, decision, comment });
      setComment('');
      toast.info(decision === 'approved' ? 'Answer approved' : 'Answer sent back');
      await reviews.reload();
      onChanged();
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
