import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  DescribePolicyCommand,
  DetachPolicyCommand,
  DisablePolicyTypeCommand,
  EnablePolicyTypeCommand,
  ListPoliciesForTargetCommand,
  ListTargetsForPolicyCommand,
  paginateListPolicies,
  paginateListPoliciesForTarget,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { DENY_IMDSV1_CONTENT } from '../../src/sandbox/scenarios/demo.js';
import { clients, failure } from './clients.js';

let sb: SandboxHandle;
let org: ReturnType<typeof clients>['org'];
beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1, pageSize: 3 });
  org = clients(sb).org;
});
afterAll(() => sb.close());

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

const scp = (statement: object) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

describe('Organizations policies', () => {
  it('lists the demo policies and their targets', async () => {
    const scps = (
      await collect(paginateListPolicies({ client: org }, { Filter: 'SERVICE_CONTROL_POLICY' }))
    ).flatMap((p) => p.Policies ?? []);
    // Other tests in this file may add SCPs (shuffled order), so only the demo ones are asserted.
    expect(scps.map((p) => p.Name)).toEqual(
      expect.arrayContaining(['DenyIMDSv1', 'FullAWSAccess']),
    );
    expect(scps.find((p) => p.Id === 'p-FullAWSAccess')?.AwsManaged).toBe(true);
    const { Policy } = await org.send(new DescribePolicyCommand({ PolicyId: 'p-denyimdsv1' }));
    expect(JSON.parse(Policy?.Content ?? '')).toEqual(JSON.parse(DENY_IMDSV1_CONTENT));
    const { Targets } = await org.send(
      new ListTargetsForPolicyCommand({ PolicyId: 'p-denyimdsv1' }),
    );
    expect(Targets).toEqual([
      expect.objectContaining({
        TargetId: 'ou-gr01-workloadsprod',
        Name: 'Prod',
        Type: 'ORGANIZATIONAL_UNIT',
      }),
    ]);
    const onAccount = (
      await collect(
        paginateListPoliciesForTarget(
          { client: org },
          { TargetId: '111111111111', Filter: 'SERVICE_CONTROL_POLICY' },
        ),
      )
    ).flatMap((p) => p.Policies ?? []);
    expect(onAccount.map((p) => p.Id)).toEqual(['p-FullAWSAccess']);
    const declarative = await org.send(
      new ListPoliciesForTargetCommand({
        TargetId: '222222222212',
        Filter: 'DECLARATIVE_POLICY_EC2',
      }),
    );
    expect(declarative.Policies?.map((p) => p.Name)).toEqual(['ec2-imds-baseline']);
  });

  it('creates, updates, attaches, detaches and deletes an SCP', async () => {
    const created = await org.send(
      new CreatePolicyCommand({
        Name: 'lifecycle',
        Description: 'd',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: scp({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }),
      }),
    );
    const id = created.Policy?.PolicySummary?.Id ?? '';
    expect(id).toMatch(/^p-[0-9a-z]{8}$/);
    expect(created.Policy?.PolicySummary?.Arn).toBe(
      `arn:aws:organizations::111111111111:policy/o-guardrails01/service_control_policy/${id}`,
    );
    const updated = await org.send(new UpdatePolicyCommand({ PolicyId: id, Description: 'new' }));
    expect(updated.Policy?.PolicySummary?.Description).toBe('new');
    await org.send(new AttachPolicyCommand({ PolicyId: id, TargetId: '222222222209' }));
    expect(
      await failure(org.send(new AttachPolicyCommand({ PolicyId: id, TargetId: '222222222209' }))),
    ).toMatchObject({
      name: 'DuplicatePolicyAttachmentException',
      status: 400,
    });
    expect(await failure(org.send(new DeletePolicyCommand({ PolicyId: id })))).toMatchObject({
      name: 'PolicyInUseException',
    });
    await org.send(new DetachPolicyCommand({ PolicyId: id, TargetId: '222222222209' }));
    expect(
      await failure(org.send(new DetachPolicyCommand({ PolicyId: id, TargetId: '222222222209' }))),
    ).toMatchObject({
      name: 'PolicyNotAttachedException',
    });
    await org.send(new DeletePolicyCommand({ PolicyId: id }));
    expect(await failure(org.send(new DescribePolicyCommand({ PolicyId: id })))).toMatchObject({
      name: 'PolicyNotFoundException',
    });
  });

  it('validates policy content, names and limits', async () => {
    const create = (Name: string, Content: string, Type = 'SERVICE_CONTROL_POLICY') =>
      org.send(new CreatePolicyCommand({ Name, Description: 'd', Type: Type as never, Content }));
    expect(await failure(create('bad-json', '{"Version":'))).toMatchObject({
      name: 'MalformedPolicyDocumentException',
      status: 400,
    });
    expect(await failure(create('no-statement', '{"Version":"2012-10-17"}'))).toMatchObject({
      name: 'MalformedPolicyDocumentException',
    });
    const big = scp({ Sid: 'x'.repeat(5200), Effect: 'Deny', Action: '*', Resource: '*' });
    expect(await failure(create('too-big', big))).toMatchObject({
      name: 'ConstraintViolationException',
      Reason: 'POLICY_CONTENT_LIMIT_EXCEEDED',
    });
    expect(await failure(create('DenyIMDSv1', scp({ Effect: 'Deny', Action: '*' })))).toMatchObject(
      { name: 'DuplicatePolicyException' },
    );
    const bigDeclarative = JSON.stringify({
      ec2_attributes: { exception_message: { '@@assign': 'x'.repeat(9000) } },
    });
    await create('declarative-9k', bigDeclarative, 'DECLARATIVE_POLICY_EC2');
    expect(
      await failure(
        create(
          'declarative-11k',
          JSON.stringify({ pad: 'x'.repeat(10_100) }),
          'DECLARATIVE_POLICY_EC2',
        ),
      ),
    ).toMatchObject({
      Reason: 'POLICY_CONTENT_LIMIT_EXCEEDED',
    });
    expect(await failure(org.send(new DescribePolicyCommand({ PolicyId: 'bad' })))).toMatchObject({
      name: 'InvalidInputException',
      Reason: 'INVALID_SYNTAX_POLICY_ID',
    });
    expect(
      await failure(org.send(new UpdatePolicyCommand({ PolicyId: 'p-FullAWSAccess', Name: 'x' }))),
    ).toMatchObject({
      Reason: 'IMMUTABLE_POLICY',
    });
  });

  it('enforces the 5-SCP maximum and refuses to detach the last SCP', async () => {
    const target = '222222222208';
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const out = await org.send(
        new CreatePolicyCommand({
          Name: `max-${i}`,
          Description: 'd',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: scp({ Effect: 'Deny', Action: `s3:Op${i}` }),
        }),
      );
      ids.push(out.Policy?.PolicySummary?.Id ?? '');
    }
    for (const id of ids.slice(0, 4))
      await org.send(new AttachPolicyCommand({ PolicyId: id, TargetId: target }));
    expect(
      await failure(org.send(new AttachPolicyCommand({ PolicyId: ids[4], TargetId: target }))),
    ).toEqual({
      name: 'ConstraintViolationException',
      status: 400,
      message: 'You have attached the maximum number of policies to the specified target.',
      Reason: 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
    });
    expect(
      await failure(
        org.send(
          new DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: '222222222209' }),
        ),
      ),
    ).toMatchObject({
      name: 'ConstraintViolationException',
      Reason: 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
    });
    expect(
      await failure(
        org.send(new AttachPolicyCommand({ PolicyId: ids[4], TargetId: '999999999999' })),
      ),
    ).toMatchObject({
      name: 'TargetNotFoundException',
    });
  });
});

describe('policy types', () => {
  it('needs the type enabled before attaching, and enables/disables it on the root', async () => {
    const own = await startSandbox({ scenario: 'empty' });
    try {
      const o = clients(own).org;
      const created = await o.send(
        new CreatePolicyCommand({
          Name: 'deny',
          Description: 'd',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: scp({ Effect: 'Deny', Action: 'ec2:*' }),
        }),
      );
      const id = created.Policy?.PolicySummary?.Id ?? '';
      expect(
        await failure(o.send(new AttachPolicyCommand({ PolicyId: id, TargetId: 'r-gr01' }))),
      ).toMatchObject({
        name: 'PolicyTypeNotEnabledException',
        status: 400,
      });
      const enabled = await o.send(
        new EnablePolicyTypeCommand({ RootId: 'r-gr01', PolicyType: 'SERVICE_CONTROL_POLICY' }),
      );
      expect(enabled.Root?.PolicyTypes).toEqual([
        { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
      ]);
      expect(
        await failure(
          o.send(
            new EnablePolicyTypeCommand({ RootId: 'r-gr01', PolicyType: 'SERVICE_CONTROL_POLICY' }),
          ),
        ),
      ).toMatchObject({
        name: 'PolicyTypeAlreadyEnabledException',
      });
      // FullAWSAccess is attached everywhere once SCPs are enabled.
      const onMgmt = await o.send(
        new ListPoliciesForTargetCommand({
          TargetId: '111111111111',
          Filter: 'SERVICE_CONTROL_POLICY',
        }),
      );
      expect(onMgmt.Policies?.map((p) => p.Id)).toEqual(['p-FullAWSAccess']);
      await o.send(new AttachPolicyCommand({ PolicyId: id, TargetId: 'r-gr01' }));
      const disabled = await o.send(
        new DisablePolicyTypeCommand({ RootId: 'r-gr01', PolicyType: 'SERVICE_CONTROL_POLICY' }),
      );
      expect(disabled.Root?.PolicyTypes).toEqual([]);
      expect(
        await failure(
          o.send(
            new DisablePolicyTypeCommand({
              RootId: 'r-gr01',
              PolicyType: 'SERVICE_CONTROL_POLICY',
            }),
          ),
        ),
      ).toMatchObject({
        name: 'PolicyTypeNotEnabledException',
      });
      expect(
        await failure(
          o.send(new EnablePolicyTypeCommand({ RootId: 'r-nope', PolicyType: 'TAG_POLICY' })),
        ),
      ).toMatchObject({
        name: 'RootNotFoundException',
      });
    } finally {
      await own.close();
    }
  });
});

describe('EC2 declarative policy content is validated like Organizations does', () => {
  it('refuses unknown attributes and wrong value types with MalformedPolicyDocumentException, accepts the tool’s own shape', async () => {
    const sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    try {
      const { org } = clients(sb);
      const create = (name: string, doc: unknown) =>
        org.send(
          new CreatePolicyCommand({
            Name: name,
            Description: 'd',
            Type: 'DECLARATIVE_POLICY_EC2',
            Content: JSON.stringify(doc),
          }),
        );
      const imds = (attrs: Record<string, unknown>) => ({
        ec2_attributes: { instance_metadata_defaults: attrs },
      });
      const refused = [
        { ec2: {} },
        { ec2_attributes: { instance_metadata_default: {} } },
        imds({ http_token: { '@@assign': 'required' } }),
        imds({ http_tokens: { '@@assign': true } }),
        imds({ http_tokens: { '@@assign': 'always' } }),
        imds({ http_put_response_hop_limit: { '@@assign': 'two' } }),
        imds({ http_put_response_hop_limit: { '@@assign': 65 } }),
        imds({ http_tokens: { '@@assign': 'required', '@@append': 'x' } }),
        { ec2_attributes: { exception_message: { '@@assign': 42 } } },
        { ec2_attributes: { instance_metadata_defaults: 'required' } },
      ];
      for (const [i, doc] of refused.entries()) {
        expect(await failure(create(`bad-${i}`, doc)), JSON.stringify(doc)).toMatchObject({
          name: 'MalformedPolicyDocumentException',
          status: 400,
        });
      }
      await create(
        'good',
        imds({
          http_tokens: { '@@assign': 'required' },
          http_put_response_hop_limit: { '@@assign': '2' },
          http_endpoint: { '@@assign': 'enabled' },
          instance_metadata_tags: { '@@assign': 'no_preference' },
          http_tokens_enforced: { '@@assign': 'enabled' },
        }),
      );
      await create('hop-number', imds({ http_put_response_hop_limit: { '@@assign': 1 } }));
    } finally {
      await sb.close();
    }
  });
});
