/**
 * HttpTokensEnforced=enabled (account default or declarative policy): no instance may launch with
 * IMDSv1 allowed, and no instance may be switched back to HttpTokens=optional. AWS documents
 * `UnsupportedOperation` for the latter (configuring-IMDS-existing-instances, "The httpTokensEnforced
 * IMDS property also prevents attempts to enable IMDSv1 on an existing instance") and for the
 * launch, whose message begins "You can't launch instances with IMDSv1 because
 * httpTokensEnforced is enabled" (EC2 User Guide, troubleshooting instance launch; aws-behaviour.md
 * §9). The rest of that text, and the whole modify message, are the sandbox's own (unconfirmed).
 */
import type { CallContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { readDefaults } from './imds.js';

function enforced(ctx: CallContext): boolean {
  const { world } = ctx.sandbox;
  const account = world.accounts.get(ctx.identity.accountId);
  if (!account) return false;
  return readDefaults(world, account, ctx.regionIdx).defaults.httpTokensEnforced === 'enabled';
}

/** RunInstances whose resolved metadata options allow IMDSv1 while enforcement is on. */
export function checkLaunchEnforcement(ctx: CallContext, httpTokens: string): void {
  if (httpTokens === 'required' || !enforced(ctx)) return;
  throw new AwsError(
    'UnsupportedOperation',
    400,
    `You can't launch instances with IMDSv1 because httpTokensEnforced is enabled for this account. Launch with httpTokens=required (asked or resolved: ${httpTokens}).`,
  );
}

/** ModifyInstanceMetadataOptions asking for HttpTokens=optional while enforcement is on. */
export function checkModifyEnforcement(ctx: CallContext, httpTokens: string | undefined): void {
  if (httpTokens !== 'optional' || !enforced(ctx)) return;
  throw new AwsError(
    'UnsupportedOperation',
    400,
    "You can't enable IMDSv1 on this instance because httpTokensEnforced is enabled for this account.",
  );
}
