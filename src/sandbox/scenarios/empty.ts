import type { World } from '../state/world.js';
import { createOrganization } from './builder.js';

/**
 * Just the management account under the root, as a brand-new organization: no policy type is
 * enabled yet (EnablePolicyType SERVICE_CONTROL_POLICY attaches FullAWSAccess everywhere).
 */
export function emptyScenario(): World {
  return createOrganization([]);
}
