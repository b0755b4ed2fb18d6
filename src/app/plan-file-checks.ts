/**
 * Checks on a saved plan that its schema cannot express. A plan file is data on disk (SECURITY.md):
 * a change listed twice would be applied twice, and a crafted detach or delete of FullAWSAccess
 * must be refused here, clearly, not reached as an internal error in the middle of an apply.
 */
import { isFullAwsAccess } from '../core/model/policy-names.js';
import type { Change, Plan } from '../core/plan/types.js';
import { UsageError } from '../errors.js';

export function checkSavedPlan(plan: Plan, source: string): Plan {
  const seen = new Set<string>();
  for (const [index, change] of plan.changes.entries()) {
    if (seen.has(change.id)) {
      throw new UsageError(
        `The ${source} lists change ${change.id} more than once (again at changes[${index}]).`,
        { hint: 'A plan names each change once; make a fresh one with `guardrails plan --out`.' },
      );
    }
    seen.add(change.id);
    if (removesFullAwsAccess(change)) {
      throw new UsageError(
        `The ${source} asks to ${change.kind === 'policy.delete' ? 'delete' : 'detach'} FullAWSAccess (changes[${index}]); guardrails never does.`,
        {
          hint: 'guardrails never plans that change: the file was edited. Make a fresh plan with `guardrails plan --out`.',
        },
      );
    }
  }
  return plan;
}

function removesFullAwsAccess(change: Change): boolean {
  if (change.kind !== 'attachment.remove' && change.kind !== 'policy.delete') return false;
  return isFullAwsAccess(change.policyId) || isFullAwsAccess(change.policyName);
}
