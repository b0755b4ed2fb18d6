/** Organizations' fixed names guardrails relies on, declared once. */

/** The policy type of service control policies (Organizations `PolicyType`). */
export const SCP_TYPE = 'SERVICE_CONTROL_POLICY';

/**
 * The AWS-managed SCP attached to every root, OU and account when SCPs are enabled; its id is
 * the same in every organization. guardrails never detaches or deletes it (a target without an
 * Allow SCP denies everything).
 */
export const FULL_AWS_ACCESS_ID = 'p-FullAWSAccess';
export const FULL_AWS_ACCESS_NAME = 'FullAWSAccess';

export function isFullAwsAccess(idOrName: string | undefined): boolean {
  return idOrName === FULL_AWS_ACCESS_ID || idOrName === FULL_AWS_ACCESS_NAME;
}
