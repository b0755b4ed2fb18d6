/**
 * HttpTokensEnforced=enabled (account default or declarative policy): no instance may launch with
 * IMDSv1 allowed, and no instance may be switched back to HttpTokens=optional. AWS documents
 * `UnsupportedOperation` for the latter (configuring-IMDS-existing-instances, "The httpTokensEnforced
 * IMDS property also prevents attempts to enable IMDSv1 on an existing instance"); the launch
 * refusal uses the same code. Both message texts are the sandbox's own (unconfirmed).
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
    `The instance cannot be launched with HttpTokens=${httpTokens}: IMDSv2 is enforced in this account and Region (HttpTokensEnforced=enabled). Launch it with HttpTokens=required.`,
  );
}

/** ModifyInstanceMetadataOptions asking for HttpTokens=optional while enforcement is on. */
export function checkModifyEnforcement(ctx: CallContext, httpTokens: string | undefined): void {
  if (httpTokens !== 'optional' || !enforced(ctx)) return;
  throw new AwsError(
    'UnsupportedOperation',
    400,
    'HttpTokens cannot be set to optional: IMDSv2 is enforced in this account and Region (HttpTokensEnforced=enabled).',
  );
}
