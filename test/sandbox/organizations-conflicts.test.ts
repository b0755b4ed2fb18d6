/**
 * ConcurrentModificationException: an Organizations write that touches a policy or target another
 * write is still modifying is refused (terraform-provider-aws#5073, org-formation-cli#7). Writes
 * take time only with latency, so the sandbox here answers after 40 ms.
 */
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  ListPoliciesForTargetCommand,
} from '@aws-sdk/client-organizations';
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { clients } from './clients.js';

const ALICE = '222222222209';
const BOB = '222222222210';
const SCP = 'SERVICE_CONTROL_POLICY';

let sb: SandboxHandle;
afterEach(() => sb.close());

async function createPolicy(name: string): Promise<string> {
  const out = await clients(sb).org.send(
    new CreatePolicyCommand({
      Name: name,
      Description: name,
      Type: SCP,
      Content: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: 'ec2:RunInstances', Resource: '*' }],
      }),
    }),
  );
  return out.Policy?.PolicySummary?.Id ?? '';
}

const settled = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (err: { name: string; $metadata?: { httpStatusCode?: number }; message: string }) =>
      `${err.name} ${err.$metadata?.httpStatusCode}: ${err.message}`,
  );

describe('Organizations writes in progress conflict', () => {
  it('two attachments to one account at once: the second is refused with ConcurrentModificationException, and changes nothing', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 40, consistency: 'strong' });
    const [one, two] = [await createPolicy('one'), await createPolicy('two')];
    const { org } = clients(sb);
    const results = await Promise.all([
      settled(org.send(new AttachPolicyCommand({ PolicyId: one, TargetId: ALICE }))),
      settled(org.send(new AttachPolicyCommand({ PolicyId: two, TargetId: ALICE }))),
    ]);
    const refused = results[0] === 'ok' ? two : one;
    expect([...results].sort()).toEqual([
      "ConcurrentModificationException 400: AWS Organizations can't complete your request because it conflicts with another attempt to modify the same entity. Try again later.",
      'ok',
    ]);
    const attached = await org.send(
      new ListPoliciesForTargetCommand({ TargetId: ALICE, Filter: SCP }),
    );
    const ids = attached.Policies?.map((p) => p.Id) ?? [];
    expect(ids.filter((id) => id === one || id === two)).toHaveLength(1);
    // Once the first is done, the same call goes through
    expect(
      await settled(org.send(new AttachPolicyCommand({ PolicyId: refused, TargetId: ALICE }))),
    ).toBe('ok');
  });

  it('one policy attached to two accounts at once conflicts on the policy; reads meanwhile are answered', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 40, consistency: 'strong' });
    const id = await createPolicy('shared');
    const { org } = clients(sb);
    const [alice, bob, read] = await Promise.all([
      settled(org.send(new AttachPolicyCommand({ PolicyId: id, TargetId: ALICE }))),
      settled(org.send(new AttachPolicyCommand({ PolicyId: id, TargetId: BOB }))),
      settled(org.send(new ListPoliciesForTargetCommand({ TargetId: BOB, Filter: SCP }))),
    ]);
    expect(
      [alice, bob].filter((r) => r.startsWith('ConcurrentModificationException')),
    ).toHaveLength(1);
    expect(read).toBe('ok');
  });

  it('one after the other, attachments never conflict', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 40, consistency: 'strong' });
    const id = await createPolicy('serial');
    const { org } = clients(sb);
    for (const target of [ALICE, BOB]) {
      expect(
        await settled(org.send(new AttachPolicyCommand({ PolicyId: id, TargetId: target }))),
      ).toBe('ok');
    }
    const { operations } = await sb.admin.counters();
    expect(operations['organizations:AttachPolicy']?.errors ?? {}).toEqual({});
  });
});
