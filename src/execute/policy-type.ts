/** Policies other than SCPs (the EC2 declarative policy) carry their type; SCPs leave it implicit. */
import { SCP_TYPE } from '../core/model/policy-names.js';

export function typeOf(change: { policyType?: string }): { policyType?: string } {
  const type = change.policyType;
  return type === undefined || type === SCP_TYPE ? {} : { policyType: type };
}
