/**
 * Known-bad statements an earlier template deployed, recognised in a policy update so the plan
 * can say that the update fixes them (not only that the text changes).
 */

interface Statement {
  Effect?: unknown;
  Action?: unknown;
  Condition?: Record<string, Record<string, unknown> | undefined>;
}

/** A Deny on ModifyInstanceMetadataOptions conditioned on the instance's current HttpTokens. */
function isOldModifyStatement(statement: Statement): boolean {
  const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
  if (statement.Effect !== 'Deny') return false;
  if (!actions.some((a) => String(a).toLowerCase() === 'ec2:modifyinstancemetadataoptions')) {
    return false;
  }
  const notEquals = statement.Condition?.StringNotEquals ?? {};
  return Object.keys(notEquals).some((key) => key.toLowerCase() === 'ec2:metadatahttptokens');
}

function statements(content: string): Statement[] {
  try {
    const parsed = JSON.parse(content) as { Statement?: unknown };
    const list = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
    return list.filter((s): s is Statement => s !== null && typeof s === 'object');
  } catch {
    return [];
  }
}

export const OLD_MODIFY_STATEMENT_FIX =
  'fixes DenyIMDSv1OnModify: the deployed statement tests ec2:MetadataHttpTokens, the instance as it is now, so it refuses remediation (optional → required) and lets opting out (required → optional) through; the new one tests the requested ec2:Attribute/HttpTokens, as the EC2 User Guide example does';

/** What an SCP update from `before` to `after` fixes, in words for the plan. */
export function scpFixes(before: string, after: string): string[] {
  const wasBroken = statements(before).some(isOldModifyStatement);
  const stillBroken = statements(after).some(isOldModifyStatement);
  return wasBroken && !stillBroken ? [OLD_MODIFY_STATEMENT_FIX] : [];
}
