// The contract's team-work methods (shared/team.ts), each a thin call into its core operation.
import type { CoreContext } from '../context';
import type { Handlers } from '../../../shared/handlers';
import { getProject } from '../projects/projects';
import { readProfile, setProfile } from '../profile';
import { addMember, listMembers, removeMember, setMemberRole } from '../members/members';
import { currentPerson, findMember, toMember } from '../members/identity';
import { endSession, getSession, listSessions, startSession } from '../sessions/sessions';
import { activeSessionId } from '../sessions/active';
import { addActionItem, listActionItems, updateActionItem } from '../sessions/action-items';
import { buildMinutes } from '../sessions/minutes';
import { renderMinutesMarkdown } from '../sessions/minutes-markdown';
import { renderMinutesPdf } from '../sessions/minutes-pdf';
import { listReviews, reviewControl } from '../review/reviews';
import { baselineDiff, listBaselines, signOff } from '../review/baselines';
import { listConflicts, resolveConflict } from '../bundle/conflicts';
import { exportBundle } from '../bundle/export';
import { importBundle } from '../bundle/import';
import { verifyProject } from '../audit/verify';
import { listHistory } from '../bundle/history-list';
import { fileSlug } from '../file-names';

export type TeamMethod =
  | 'getProfile' | 'setProfile' | 'listMembers' | 'getMyMembership' | 'addMember' | 'setMemberRole' | 'removeMember'
  | 'startSession' | 'endSession' | 'listSessions' | 'getActiveSession' | 'getSessionMinutes'
  | 'addActionItem' | 'listActionItems' | 'updateActionItem' | 'reviewControl' | 'listReviews'
  | 'signOff' | 'listBaselines' | 'getBaselineDiff' | 'listConflicts' | 'resolveConflict'
  | 'exportBundle' | 'importBundle' | 'verifyAuditHistory' | 'listHistory';

/** A file name for the minutes: the session title, made safe for any file system. */
function minutesFileName(title: string, id: string, ext: string): string {
  return `minutes-${fileSlug(title) || id}.${ext}`;
}

export function teamHandlers(ctx: CoreContext): Pick<Handlers, TeamMethod> {
  return {
    getProfile: () => readProfile(ctx.db),
    setProfile: (args) => setProfile(ctx.db, args),
    listMembers: ({ projectId }) => {
      getProject(ctx, projectId);
      return listMembers(ctx, projectId);
    },
    getMyMembership: ({ projectId }) => {
      getProject(ctx, projectId);
      const m = findMember(ctx.db, projectId, currentPerson(ctx));
      return { member: m ? toMember(m) : null };
    },
    addMember: ({ projectId, ...m }) => addMember(ctx, projectId, m),
    setMemberRole: ({ projectId, memberKey, role }) => setMemberRole(ctx, projectId, memberKey, role),
    removeMember: ({ projectId, memberKey }) => removeMember(ctx, projectId, memberKey),
    startSession: ({ projectId, ...input }) => startSession(ctx, projectId, input),
    endSession: ({ projectId, sessionId }) => endSession(ctx, projectId, sessionId),
    listSessions: ({ projectId }) => listSessions(ctx, projectId),
    getActiveSession: ({ projectId }) => {
      getProject(ctx, projectId);
      const id = activeSessionId(ctx.db, projectId);
      return { session: id ? getSession(ctx, projectId, id) : null };
    },
    getSessionMinutes: async ({ projectId, sessionId, format }) => {
      const minutes = buildMinutes(ctx, getSession(ctx, projectId, sessionId));
      if (format === 'markdown') {
        const text = renderMinutesMarkdown(minutes);
        return { fileName: minutesFileName(minutes.session.title, sessionId, 'md'), mediaType: 'text/markdown', contentBase64: Buffer.from(text, 'utf8').toString('base64') };
      }
      const pdf = await renderMinutesPdf(minutes);
      return { fileName: minutesFileName(minutes.session.title, sessionId, 'pdf'), mediaType: 'application/pdf', contentBase64: pdf.toString('base64') };
    },
    addActionItem: ({ projectId, ...input }) => addActionItem(ctx, projectId, input),
    listActionItems: ({ projectId, ...filter }) => {
      getProject(ctx, projectId);
      return listActionItems(ctx, projectId, filter);
    },
    updateActionItem: ({ projectId, itemId, ...patch }) => updateActionItem(ctx, projectId, itemId, patch),
    reviewControl: ({ projectId, controlId, decision, comment }) => reviewControl(ctx, projectId, controlId, { decision, comment }),
    listReviews: ({ projectId, controlId }) => {
      getProject(ctx, projectId);
      return listReviews(ctx, projectId, controlId);
    },
    signOff: ({ projectId, note }) => signOff(ctx, projectId, { note }),
    listBaselines: ({ projectId }) => listBaselines(ctx, projectId),
    getBaselineDiff: ({ projectId, baselineId }) => baselineDiff(ctx, projectId, baselineId),
    listConflicts: ({ projectId, includeResolved }) => listConflicts(ctx, projectId, { includeResolved }),
    resolveConflict: ({ projectId, conflictId, value }) => resolveConflict(ctx, projectId, conflictId, value),
    exportBundle: async ({ projectId, passphrase }) => {
      const b = await exportBundle(ctx, projectId, { passphrase });
      return { fileName: b.fileName, contentBase64: b.bytes.toString('base64'), sha256: b.sha256, size: b.bytes.length, encrypted: b.encrypted };
    },
    importBundle: ({ contentBase64, passphrase }) => importBundle(ctx, Buffer.from(contentBase64, 'base64'), { passphrase }),
    verifyAuditHistory: ({ projectId, expectHead }) => verifyProject(ctx, projectId, { expectHead }),
    listHistory: ({ projectId, controlId, limit }) => {
      getProject(ctx, projectId);
      return listHistory(ctx.db, projectId, controlId ? { entity: 'control', entityId: controlId, limit } : { limit });
    },
  };
}
