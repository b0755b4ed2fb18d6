import { DescribePolicyCommand, UpdatePolicyCommand } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { clients } from '../sandbox/clients.js';

/** The statement earlier templates deployed: it tested the instance's current HttpTokens. */
const OLD_DEPLOYED = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyIMDSv1',
      Effect: 'Deny',
      Action: 'ec2:RunInstances',
      Resource: 'arn:aws:ec2:*:*:instance/*',
      Condition: { StringNotEquals: { 'ec2:MetadataHttpTokens': 'required' } },
    },
    {
      Sid: 'DenyIMDSv1OnModify',
      Effect: 'Deny',
      Action: 'ec2:ModifyInstanceMetadataOptions',
      Resource: 'arn:aws:ec2:*:*:instance/*',
      Condition: { StringNotEquals: { 'ec2:MetadataHttpTokens': 'required' } },
    },
  ],
});

let sb: SandboxHandle;

async function untilDeployed(content: string): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    const policy = await clients(sb).org.send(
      new DescribePolicyCommand({ PolicyId: 'p-denyimdsv1' }),
    );
    if (policy.Policy?.Content === content) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the sandbox never showed the updated policy');
}
beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
});
afterAll(async () => {
  await sb.close();
});

describe('plan over a deployed SCP with the old DenyIMDSv1OnModify', { timeout: 120_000 }, () => {
  it('says the update fixes it, not only that the text changes', async () => {
    // Given the demo's DenyIMDSv1 carries the old modify statement
    await clients(sb).org.send(
      new UpdatePolicyCommand({ PolicyId: 'p-denyimdsv1', Content: OLD_DEPLOYED }),
    );
    // (Organizations is eventually consistent in the sandbox as in AWS: wait until reads see it)
    await untilDeployed(OLD_DEPLOYED);
    const config = JSON.stringify({
      scp: { companions: { denyMetadataOptionsRelaxing: { enabled: true } } },
    });
    // When planned with the companion on
    const run = await runAgainst(sb, tempDir({ 'guardrails.config.json': config }), ['plan']);
    // Then the update is announced as the fix
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('update policy DenyIMDSv1');
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(
      'fixes DenyIMDSv1OnModify: the deployed statement tests ec2:MetadataHttpTokens',
    );
    expect(run.stdout).toContain('"ec2:Attribute/HttpTokens": "required"');
  });
});
