import {
  GetInstanceMetadataDefaultsCommand,
  ModifyInstanceMetadataDefaultsCommand,
} from '@aws-sdk/client-ec2';
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DetachPolicyCommand,
} from '@aws-sdk/client-organizations';
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { assume, clients, failure } from './clients.js';

let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
});

const WEB_DEV = '222222222208';
const SECURITY_AUDIT = '222222222201';

describe('sandbox: a declarative policy attached through the API', () => {
  it('given a new EC2 declarative policy on an OU, then every account below reports and enforces it until it is detached', async () => {
    // Given
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const { org } = clients(sb);
    const content = JSON.stringify({
      ec2_attributes: {
        instance_metadata_defaults: {
          http_tokens: { '@@assign': 'required' },
          http_tokens_enforced: { '@@assign': 'enabled' },
        },
        exception_message: { '@@assign': 'Ask the platform team' },
      },
    });
    const created = await org.send(
      new CreatePolicyCommand({
        Name: 'test-ec2',
        Description: 'test',
        Type: 'DECLARATIVE_POLICY_EC2',
        Content: content,
      }),
    );
    const policyId = created.Policy?.PolicySummary?.Id ?? '';
    const read = async (account: string) => {
      const { ec2 } = clients(sb!, await assume(sb!, account), 'eu-west-1');
      return { ec2, out: await ec2.send(new GetInstanceMetadataDefaultsCommand({})) };
    };
    // When: attached to Root/Workloads (web-dev sits in Root/Workloads/Dev)
    await org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: 'ou-gr01-workloads' }));
    // Then
    const dev = await read(WEB_DEV);
    expect(dev.out.AccountLevel).toMatchObject({
      HttpTokens: 'required',
      HttpTokensEnforced: 'enabled',
      ManagedBy: 'declarative-policy',
      ManagedExceptionMessage: 'Ask the platform team',
    });
    expect(
      await failure(
        dev.ec2.send(new ModifyInstanceMetadataDefaultsCommand({ HttpTokens: 'optional' })),
      ),
    ).toMatchObject({ name: 'OperationNotPermitted', message: 'Ask the platform team' });
    expect((await read(SECURITY_AUDIT)).out.AccountLevel?.ManagedBy).toBe('account');
    // When detached, the account's own (empty) defaults are back and writable.
    await org.send(new DetachPolicyCommand({ PolicyId: policyId, TargetId: 'ou-gr01-workloads' }));
    const after = await read(WEB_DEV);
    expect(after.out.AccountLevel?.ManagedBy).toBeUndefined();
    await after.ec2.send(new ModifyInstanceMetadataDefaultsCommand({ HttpTokens: 'required' }));
  });
});
