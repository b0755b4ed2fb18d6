/**
 * The IAM check of an EC2 call: the SCPs in effect plus the `principalDenies` knob, evaluated by
 * the engine; a denied call answers `UnauthorizedOperation` 403 naming the kind of policy.
 * Context keys are the ones AWS populates for the action (Service Authorization Reference):
 * callers pass request keys only when the request carries them, resource keys from the
 * resource's current state.
 */
import type { CallContext } from '../context.js';
import { evaluateScps } from './scp-evaluator.js';
import { unauthorizedOperation } from './unauthorized.js';

export async function authorize(
  ctx: CallContext,
  action: string,
  resource: string,
  context: Record<string, string>,
): Promise<void> {
  const request = {
    action,
    resource,
    region: ctx.region,
    context: { 'ec2:Region': ctx.region, ...context },
  };
  const { world, faults } = ctx.sandbox;
  const decision = await evaluateScps(world, ctx.identity, request, faults.principalDenies);
  if (!decision.allowed) throw unauthorizedOperation(ctx.identity, request, decision);
}

/** `ec2:Attribute/<Name>` for each metadata option the request sets (request keys). */
export function attributeKeys(params: URLSearchParams, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = params.get(name);
    if (value !== null) out[`ec2:Attribute/${name}`] = value;
  }
  return out;
}
