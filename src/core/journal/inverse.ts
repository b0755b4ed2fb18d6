/**
 * Rollback's arithmetic: a done change and the target's before-image → the change that undoes
 * it. Rollback (src/app/rollback.ts) re-reads each target first and leaves alone any target
 * someone changed since; this module only says what the undo is.
 */
import { applyImdsSetting, restoreSetting } from '../model/imds.js';
import { isFullAwsAccess, SCP_TYPE } from '../model/policy-names.js';
import { changeId, changeKey } from '../plan/change-id.js';
import { classifyRisk } from '../plan/change-kinds.js';
import type { UnclassifiedChange } from '../plan/classify-risk.js';
import { sortChanges } from '../plan/order.js';
import { isRemediationChange, isRemediationImage } from '../plan/remediation-types.js';
import type { Change } from '../plan/types.js';
import { remediationBeforeImage, remediationUndo } from '../remediation/undo.js';
import type { JournaledChange, TargetImage } from './types.js';

export interface InverseResult {
  /** The undo, in order (detach before delete). Empty when there is nothing to undo. */
  changes: Change[];
  /** Why nothing (or less) is undone, for the report. */
  note?: string;
}

export function inverseOf(change: Change, before: TargetImage, after?: TargetImage): InverseResult {
  const undo = inverseChange(change, before, after);
  if ('note' in undo) return { changes: [], note: undo.note };
  return { changes: [withMeta(undo.change)] };
}

/** Every done change of a journal, undone in reverse order; deletes wait for their detaches. */
export function inverseOfJournal(entries: readonly JournaledChange[]): {
  changes: Change[];
  notes: string[];
} {
  const done = entries.filter((e) => e.status === 'done').sort((a, b) => b.sequence - a.sequence);
  const changes: Change[] = [];
  const notes: string[] = [];
  for (const entry of done) {
    const result = inverseOf(entry.change, entry.before, entry.after);
    changes.push(...result.changes);
    if (result.note) notes.push(result.note);
  }
  for (const c of changes) {
    if (c.kind !== 'policy.delete') continue;
    c.dependsOn = changes
      .filter((d) => d.kind === 'attachment.remove' && d.policyName === c.policyName)
      .map((d) => d.id);
  }
  return { changes: sortChanges(changes), notes };
}

function withMeta(c: UnclassifiedChange): Change {
  return {
    ...c,
    id: changeId(`undo:${changeKey(c)}`),
    risk: classifyRisk(c),
    dependsOn: [],
  } as Change;
}

type Undo = { change: UnclassifiedChange } | { note: string };

function inverseChange(change: Change, before: TargetImage, after?: TargetImage): Undo {
  if (isRemediationChange(change)) {
    return remediationUndo(
      change,
      isRemediationImage(before) ? before : remediationBeforeImage(change),
      after && isRemediationImage(after) ? after : undefined,
    );
  }
  switch (change.kind) {
    case 'imds.set': {
      const was = before.kind === 'imds' ? before.defaults : change.before;
      const now = after?.kind === 'imds' ? after.defaults : undefined;
      const { id: _id, risk: _risk, dependsOn: _deps, ...rest } = change;
      return {
        change: {
          ...rest,
          before: now ?? applyImdsSetting(was, change.after),
          after: restoreSetting(was, change.fields),
        } as UnclassifiedChange,
      };
    }
    case 'policy.create': {
      const policyId = after?.kind === 'policy' ? after.policyId : undefined;
      if (!policyId)
        return {
          note: `policy ${change.policyName}: its id was never read back; delete it by hand if it exists`,
        };
      return {
        change: {
          kind: 'policy.delete',
          policyId,
          policyName: change.policyName,
          before: { content: change.content },
        },
      };
    }
    case 'policy.swap':
    case 'policy.update': {
      // A swap's undo puts the old content back; its canary is not re-created (the run's
      // create and attachments of the canary are undone, or already gone, on their own).
      const content =
        before.kind === 'policy' && before.content !== undefined
          ? before.content
          : change.before.content;
      return {
        change: {
          kind: 'policy.update',
          policyId: change.policyId,
          policyName: change.policyName,
          before: { content: change.after.content },
          after: { content },
        },
      };
    }
    case 'policy.delete':
      return {
        change: {
          kind: 'policy.create',
          policyName: change.policyName,
          policyType: (before.kind === 'policy' ? before.policyType : undefined) ?? SCP_TYPE,
          description: before.kind === 'policy' ? (before.description ?? '') : '',
          content: change.before.content,
        },
      };
    case 'attachment.add': {
      const policyId =
        change.policyId ??
        (after?.kind === 'attachment' ? after.policyId : undefined) ??
        (before.kind === 'attachment' ? before.policyId : undefined);
      if (isFullAwsAccess(policyId) || isFullAwsAccess(change.policyName)) {
        return { note: 'FullAWSAccess is never detached' };
      }
      if (!policyId)
        return {
          note: `${change.policyName} on ${change.target.label}: policy id unknown; detach it by hand`,
        };
      return {
        change: {
          kind: 'attachment.remove',
          policyName: change.policyName,
          ...(change.policyType ? { policyType: change.policyType } : {}),
          policyId,
          target: change.target,
        },
      };
    }
    case 'attachment.remove':
      return {
        change: {
          kind: 'attachment.add',
          policyName: change.policyName,
          ...(change.policyType ? { policyType: change.policyType } : {}),
          policyId: change.policyId,
          target: change.target,
        },
      };
    case 'policyType.enable':
      return {
        note: `${change.policyType} stays enabled on ${change.rootId}: disabling a policy type would detach every policy of that type in the organization`,
      };
  }
}
