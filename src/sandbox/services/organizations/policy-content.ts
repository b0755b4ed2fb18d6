import { DECLARATIVE_TYPE, parseDeclarativeImds } from '../../state/declarative.js';
import type { DeclarativeImds } from '../../state/world.js';
import { checkDeclarativeEc2 } from './declarative-content.js';
import { isObject, malformed, orgError } from './input.js';

const IAM_STYLE = new Set(['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']);

/** Maximum document size per policy type (orgs_reference_limits; aws-behaviour.md §1.2). */
export function contentLimit(type: string): number {
  if (IAM_STYLE.has(type)) return 5120;
  if (type === 'AISERVICES_OPT_OUT_POLICY') return 2500;
  return 10_000;
}

/**
 * Checks a policy document like Organizations does before storing it: size first
 * (ConstraintViolation POLICY_CONTENT_LIMIT_EXCEEDED), then JSON syntax and the basic shape of
 * the type (MalformedPolicyDocumentException). Returns what the sandbox needs from it.
 */
export function checkPolicyContent(
  type: string,
  content: string,
): { declarative?: DeclarativeImds } {
  if (content.length > contentLimit(type)) {
    throw orgError('ConstraintViolationException', 'You have exceeded the maximum policy size.', {
      Reason: 'POLICY_CONTENT_LIMIT_EXCEEDED',
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    malformed('the document is not valid JSON.');
  }
  if (!isObject(doc)) malformed('the document must be a JSON object.');
  if (IAM_STYLE.has(type)) {
    checkIamStyle(doc);
    return {};
  }
  if (type === DECLARATIVE_TYPE) {
    checkDeclarativeEc2(doc);
    const declarative = parseDeclarativeImds(doc);
    return declarative ? { declarative } : {};
  }
  return {};
}

function checkIamStyle(doc: Record<string, unknown>): void {
  if (doc.Version !== '2012-10-17' && doc.Version !== '2008-10-17') {
    malformed('Version must be "2012-10-17" or "2008-10-17".');
  }
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  if (doc.Statement === undefined || statements.length === 0) malformed('Statement is missing.');
  for (const statement of statements) {
    if (!isObject(statement)) malformed('each Statement must be an object.');
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
      malformed('each Statement needs an Effect of "Allow" or "Deny".');
    }
    if (statement.Action === undefined && statement.NotAction === undefined) {
      malformed('each Statement needs an Action or NotAction.');
    }
  }
}
