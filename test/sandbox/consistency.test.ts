/**
 * Eventual consistency and PENDING_ENABLE, on by default in `demo`: a read right after a write
 * answers the previous value for the window; EnablePolicyType is PENDING_ENABLE for a while and
 * attaches of that type are refused meanwhile. `strong` keeps read-after-write.
 */
import {
  GetInstanceMetadataDefaultsCommand,
  ModifyInstanceMetadataDefaultsCommand,
} from '@aws-sdk/client-ec2';
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  EnablePolicyTypeCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';
import { afterEach, describe, expect, it } from 'vitest';
import { CONSISTENCY_ENV, resolveConsistency } from '../../src/sandbox/consistency.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { assume, clients, failure } from './clients.js';

const PAYMENTS_DEV = '222222222207';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function tokensAfterWrite(handle: SandboxHandle): Promise<string | undefined> {
  const { ec2 } = clients(handle, await assume(handle, PAYMENTS_DEV));
  await ec2.send(new ModifyInstanceMetadataDefaultsCommand({ HttpTokens: 'required' }));
  const read = await ec2.send(new GetInstanceMetadataDefaultsCommand({}));
  return read.AccountLevel?.HttpTokens;
}

describe('eventual consistency', () => {
  it('demo: a read right after ModifyInstanceMetadataDefaults shows the previous value, later the new one', async () => {
    sb = await startSandbox({
      scenario: 'demo',
      port: 0,
      throttling: 'off',
      // Explicit, so that a strong-mode suite run (GUARDRAILS_SANDBOX_CONSISTENCY) still tests it.
      consistency: 'eventual',
      consistencyWindowMs: 400,
    });
    // payments-dev us-east-1 starts at optional
    expect(await tokensAfterWrite(sb)).toBe('optional');
    await sleep(450);
    const { ec2 } = clients(sb, await assume(sb, PAYMENTS_DEV));
    const later = await ec2.send(new GetInstanceMetadataDefaultsCommand({}));
    expect(later.AccountLevel?.HttpTokens).toBe('required');
  });

  it('strong mode reads its own write at once', async () => {
    sb = await startSandbox({
      scenario: 'demo',
      port: 0,
      throttling: 'off',
      consistency: 'strong',
    });
    expect(await tokensAfterWrite(sb)).toBe('required');
  });

  it('DescribePolicy and ListPoliciesForTarget lag UpdatePolicy and AttachPolicy', async () => {
    sb = await startSandbox({
      scenario: 'demo',
      port: 0,
      throttling: 'off',
      // Explicit, so that a strong-mode suite run (GUARDRAILS_SANDBOX_CONSISTENCY) still tests it.
      consistency: 'eventual',
      consistencyWindowMs: 400,
    });
    const { org } = clients(sb);
    const before = await org.send(new DescribePolicyCommand({ PolicyId: 'p-denyimdsv1' }));
    const content = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'ec2:RunInstances', Resource: '*' }],
    });
    await org.send(new UpdatePolicyCommand({ PolicyId: 'p-denyimdsv1', Content: content }));
    const stale = await org.send(new DescribePolicyCommand({ PolicyId: 'p-denyimdsv1' }));
    expect(stale.Policy?.Content).toBe(before.Policy?.Content);
    await org.send(new AttachPolicyCommand({ PolicyId: 'p-denyimdsv1', TargetId: 'r-gr01' }));
    const list = () =>
      org.send(
        new ListPoliciesForTargetCommand({ TargetId: 'r-gr01', Filter: 'SERVICE_CONTROL_POLICY' }),
      );
    expect((await list()).Policies?.map((p) => p.Id)).not.toContain('p-denyimdsv1');
    await sleep(450);
    expect((await list()).Policies?.map((p) => p.Id)).toContain('p-denyimdsv1');
    expect(
      (await org.send(new DescribePolicyCommand({ PolicyId: 'p-denyimdsv1' }))).Policy?.Content,
    ).toBe(content);
  });
});

describe('EnablePolicyType is asynchronous', () => {
  it('answers PENDING_ENABLE, refuses attaches meanwhile, then is ENABLED', async () => {
    sb = await startSandbox({
      scenario: 'empty',
      port: 0,
      throttling: 'off',
      consistency: 'eventual',
      policyTypePendingMs: 400,
    });
    const { org } = clients(sb);
    const roots = await org.send(new ListRootsCommand({}));
    const rootId = roots.Roots![0]!.Id!;
    const enabled = await org.send(
      new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }),
    );
    expect(enabled.Root?.PolicyTypes).toEqual([
      { Type: 'SERVICE_CONTROL_POLICY', Status: 'PENDING_ENABLE' },
    ]);
    const created = await org.send(
      new CreatePolicyCommand({
        Name: 'Deny',
        Description: 'd',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: 'ec2:RunInstances', Resource: '*' }],
        }),
      }),
    );
    const attach = () =>
      org.send(
        new AttachPolicyCommand({ PolicyId: created.Policy!.PolicySummary!.Id!, TargetId: rootId }),
      );
    expect(await failure(attach())).toMatchObject({ name: 'PolicyTypeNotEnabledException' });
    await sleep(450);
    const after = await org.send(new ListRootsCommand({}));
    expect(after.Roots![0]!.PolicyTypes).toEqual([
      { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
    ]);
    await attach();
  });
});

describe('DescribeOrganization', () => {
  it('answers a member account with the organization and its management account', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, throttling: 'off' });
    const { org } = clients(sb, await assume(sb, PAYMENTS_DEV));
    const out = await org.send(new DescribeOrganizationCommand({}));
    expect(out.Organization).toMatchObject({
      Id: 'o-guardrails01',
      MasterAccountId: sb.managementAccountId,
    });
    expect(await failure(org.send(new ListRootsCommand({})))).toMatchObject({
      name: 'AccessDeniedException',
    });
  });
});

describe('choosing the consistency mode', () => {
  const strongEnv = { [CONSISTENCY_ENV]: 'strong' };
  it('the environment makes strong the default of every scenario', () => {
    expect(resolveConsistency({ scenario: 'demo' }, strongEnv)).toMatchObject({
      mode: 'strong',
      windowMs: 0,
      policyTypePendingMs: 0,
    });
    expect(resolveConsistency({ scenario: 'demo' }, {}).mode).toBe('eventual');
    expect(resolveConsistency({ scenario: 'empty' }, {}).mode).toBe('strong');
  });

  it('an explicit option wins over the environment (tests of eventual behaviour stay meaningful)', () => {
    expect(
      resolveConsistency({ scenario: 'demo', consistency: 'eventual' }, strongEnv),
    ).toMatchObject({ mode: 'eventual', windowMs: 300 });
  });
});
