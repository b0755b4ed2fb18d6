/** Policies other than SCPs (the EC2 declarative policy) carry their type; SCPs leave it implicit. */
const SCP_TYPE = 'SERVICE_CONTROL_POLICY';

export function typeOf(change: { policyType?: string }): { policyType?: string } {
  const type = change.policyType;
  return type === undefined || type === SCP_TYPE ? {} : { policyType: type };
}
