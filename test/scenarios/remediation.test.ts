/**
 * `plan --remediate` → `apply plan.json` → `rollback --journal`, with the real CLI against the
 * demo sandbox; what changed is read back with the real EC2 SDK in payments-dev.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DescribeLaunchTemplateVersionsCommand,
  type EC2Client,
  type LaunchTemplate,
  ModifyInstanceMetadataOptionsCommand,
  paginateDescribeInstances,
  paginateDescribeLaunchTemplates,
  paginateDescribeLaunchTemplateVersions,
} from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plan/types.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { assume, clients } from '../sandbox/clients.js';

const PAYMENTS_DEV = '222222222207';
const ONE_REGION = ['--regions', 'us-east-1'];

let sb: SandboxHandle;
let ec2: EC2Client;
beforeEach(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0 });
  ec2 = clients(sb, await assume(sb, PAYMENTS_DEV)).ec2;
});
afterEach(() => sb.close());

/** Default version and its HttpTokens of every template; HttpTokens of every instance. */
async function workloads() {
  // The sandbox pages small: read every page, as the tool does.
  const templates: LaunchTemplate[] = [];
  for await (const page of paginateDescribeLaunchTemplates({ client: ec2 }, {}))
    templates.push(...(page.LaunchTemplates ?? []));
  const tokens = new Map<string | undefined, string>();
  for await (const page of paginateDescribeLaunchTemplateVersions(
    { client: ec2 },
    { Versions: ['$Default'] },
  )) {
    for (const v of page.LaunchTemplateVersions ?? [])
      tokens.set(
        v.LaunchTemplateId,
        v.LaunchTemplateData?.MetadataOptions?.HttpTokens ?? 'omitted',
      );
  }
  const instances: Record<string, string | undefined> = {};
  for await (const page of paginateDescribeInstances({ client: ec2 }, {})) {
    for (const i of (page.Reservations ?? []).flatMap((r) => r.Instances ?? []))
      instances[i.InstanceId ?? ''] = i.MetadataOptions?.HttpTokens;
  }
  return {
    templates: Object.fromEntries(
      templates.map((t) => [
        t.LaunchTemplateName,
        `v${t.DefaultVersionNumber} ${tokens.get(t.LaunchTemplateId)}`,
      ]),
    ),
    instances,
  };
}

describe('remediation plan against the demo organization', () => {
  it('lists exactly the seeded templates, idle instances and the pinned group', async () => {
    // When the remediation is planned as JSON
    const run = await runAgainst(sb, tempDir(), ['plan', '--remediate', '--json', ...ONE_REGION]);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout) as Plan;
    // Then it changes the two templates whose default allows IMDSv1 and the two idle instances
    expect(
      plan.changes.map((c) =>
        c.kind === 'launchTemplate.update'
          ? `${c.kind} ${c.templateName} v${c.before.defaultVersion}`
          : c.kind === 'instance.metadata'
            ? `${c.kind} ${c.instanceId} ${c.before.httpTokens}→${c.after.httpTokens}`
            : c.kind,
      ),
    ).toEqual([
      'launchTemplate.update batch-worker v1',
      'launchTemplate.update reporting v1',
      'instance.metadata i-0pd00000000000b01 optional→required',
      'instance.metadata i-0pd00000000000f01 optional→required',
    ]);
    const reporting = plan.changes.find(
      (c) => c.kind === 'launchTemplate.update' && c.templateName === 'reporting',
    );
    // Every other MetadataOptions field of the source version is kept
    expect(reporting).toMatchObject({
      before: { metadata: { httpTokens: 'optional', hopLimit: 1, httpEndpoint: 'enabled' } },
      after: { metadata: { httpTokens: 'required', hopLimit: 1, httpEndpoint: 'enabled' } },
      risk: 'restricting',
    });
    // And the instances still calling IMDSv1 (or unknown) and the pinned group are only listed
    expect(plan.remediation?.keptInstances.map((k) => [k.instanceId, k.noTokenCalls])).toEqual([
      ['i-0pd00000000000a01', 4032],
      ['i-0pd00000000000a02', 1008],
      ['i-0pd00000000000e01', 48],
      ['i-0sa00000000000a01', 0],
    ]);
    expect(plan.remediation?.autoScalingGroups).toEqual([
      expect.objectContaining({
        name: 'payments-api-asg',
        pinnedVersion: 1,
        refreshCommand:
          'aws autoscaling start-instance-refresh --auto-scaling-group-name payments-api-asg --region us-east-1 --preferences \'{"MinHealthyPercentage": 90, "InstanceWarmup": 120}\'',
      }),
    ]);
    // And the text plan says the same
    const text = await runAgainst(sb, tempDir(), ['plan', '--remediate', ...ONE_REGION]);
    expect(text.stdout).toContain(
      '+ launch template batch-worker (lt-0pd0000000000b001): new version from v1, made the default',
    );
    expect(text.stdout).toContain('then: aws autoscaling start-instance-refresh');
    expect(text.stdout).toContain(
      'Plan: 4 to change (2 launch templates, 2 instances); 4 instances and 1 Auto Scaling group listed, not changed.',
    );
  }, 30_000);

  it('applied from a saved plan then rolled back, restores the template defaults and instance options', async () => {
    // Given the workloads as seeded and a saved remediation plan
    const cwd = tempDir();
    const original = await workloads();
    expect(original.templates).toEqual({
      'payments-api': 'v2 required',
      'batch-worker': 'v1 omitted',
      reporting: 'v1 optional',
      'payments-web': 'v2 required',
    });
    const planned = await runAgainst(sb, cwd, [
      'plan',
      '--remediate',
      '--out',
      'rem.json',
      ...ONE_REGION,
    ]);
    expect(planned.code, planned.stderr).toBe(0);

    // When it is applied
    const applied = await runAgainst(sb, cwd, ['apply', 'rem.json', ...ONE_REGION]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Apply complete: 4 changed, 0 failed.');
    // Then new default versions require IMDSv2, the idle instances too, the busy ones are untouched
    const after = await workloads();
    expect(after.templates).toEqual({
      'payments-api': 'v2 required',
      'batch-worker': 'v2 required',
      reporting: 'v2 required',
      'payments-web': 'v2 required',
    });
    expect(after.instances).toMatchObject({
      'i-0pd00000000000b01': 'required',
      'i-0pd00000000000f01': 'required',
      'i-0pd00000000000a01': 'optional',
      'i-0pd00000000000e01': 'optional',
    });
    // And the new version kept the source's other fields (KeyName of reporting v1)
    const v2 = await ec2.send(
      new DescribeLaunchTemplateVersionsCommand({
        LaunchTemplateId: 'lt-0pd0000000000c001',
        Versions: ['2'],
      }),
    );
    expect(v2.LaunchTemplateVersions?.[0]?.LaunchTemplateData).toMatchObject({
      KeyName: 'reporting',
      MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
    });
    // And a second remediation plan has nothing left to change
    const again = await runAgainst(sb, cwd, ['plan', '--remediate', '--json', ...ONE_REGION]);
    expect((JSON.parse(again.stdout) as Plan).changes).toEqual([]);

    // When the journal is rolled back
    const journal = readdirSync(join(cwd, 'guardrails-reports')).find((f) =>
      f.startsWith('journal-'),
    );
    const rolled = await runAgainst(sb, cwd, [
      'rollback',
      '--journal',
      join('guardrails-reports', journal ?? ''),
      '--yes',
    ]);
    expect(rolled.code, rolled.stderr).toBe(0);
    expect(rolled.stdout).toContain('4 restored');
    // Then the original default versions and instance options are back
    const restored = await workloads();
    expect(restored.templates).toEqual(original.templates);
    expect(restored.instances).toEqual(original.instances);
  }, 60_000);

  it('refuses a saved plan whose instance was swapped by hand for a busy one, as edited', async () => {
    const cwd = tempDir();
    await runAgainst(sb, cwd, ['plan', '--remediate', '--out', 'rem.json', ...ONE_REGION]);
    // Given a saved plan that names a busy instance (IMDSv1 calls) as idle, edited by hand
    const saved = JSON.parse(readFileSync(join(cwd, 'rem.json'), 'utf8')) as Plan;
    const instance = saved.changes.find((c) => c.kind === 'instance.metadata');
    if (instance?.kind === 'instance.metadata') instance.instanceId = 'i-0pd00000000000a01';
    writeFileSync(join(cwd, 'rem.json'), JSON.stringify(saved));
    // When it is applied, then it is refused naming the edit, and nothing changes
    const run = await runAgainst(sb, cwd, ['apply', 'rem.json', ...ONE_REGION]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/The plan file \S*rem\.json was edited/);
    expect(run.stderr).toContain('i-0pd00000000000a01');
    expect((await workloads()).instances['i-0pd00000000000b01']).toBe('optional');
  }, 30_000);

  it('refuses a saved plan whose after-values or risk were edited, and applies nothing', async () => {
    const cwd = tempDir();
    await runAgainst(sb, cwd, ['plan', '--remediate', '--out', 'rem.json', ...ONE_REGION]);
    const original = await workloads();
    const saved = JSON.parse(readFileSync(join(cwd, 'rem.json'), 'utf8')) as Plan;
    // Given: the first template's new version would allow IMDSv1 again, called "restricting"
    const template = saved.changes.find((c) => c.kind === 'launchTemplate.update');
    if (template?.kind !== 'launchTemplate.update') throw new Error('no template change');
    template.after = { metadata: { httpTokens: 'optional' } };
    writeFileSync(join(cwd, 'rem.json'), JSON.stringify(saved));
    const edited = await runAgainst(sb, cwd, ['apply', 'rem.json', ...ONE_REGION]);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(/The plan file \S*rem\.json was edited/);
    expect(edited.stderr).toContain(`launch template ${template.templateName}`);
    expect(edited.stderr).toMatch(/has after .*optional.*but the config gives .*required/);
    // Given: only an instance's risk says "relaxing"
    const again = JSON.parse(readFileSync(join(cwd, 'rem.json'), 'utf8')) as Plan;
    const fixed = again.changes.find((c) => c.kind === 'launchTemplate.update');
    if (fixed?.kind === 'launchTemplate.update')
      fixed.after = { metadata: { httpTokens: 'required' } };
    const instance = again.changes.find((c) => c.kind === 'instance.metadata');
    if (!instance) throw new Error('no instance change');
    instance.risk = 'relaxing';
    writeFileSync(join(cwd, 'rem.json'), JSON.stringify(again));
    const risky = await runAgainst(sb, cwd, ['apply', 'rem.json', ...ONE_REGION]);
    expect(risky.code).toBe(1);
    expect(risky.stderr).toMatch(/was edited: .* has risk "relaxing"/);
    // Then nothing was written
    expect(await workloads()).toEqual(original);
  }, 30_000);

  it('refuses a saved plan as stale once an instance it would change was changed by someone else', async () => {
    const cwd = tempDir();
    await runAgainst(sb, cwd, ['plan', '--remediate', '--out', 'rem.json', ...ONE_REGION]);
    // Given: someone requires IMDSv2 on the idle instance by hand after the plan was made
    await ec2.send(
      new ModifyInstanceMetadataOptionsCommand({
        InstanceId: 'i-0pd00000000000b01',
        HttpTokens: 'required',
      }),
    );
    // When it is applied, then it is refused as stale naming the instance
    const run = await runAgainst(sb, cwd, ['apply', 'rem.json', ...ONE_REGION]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The saved plan is stale');
    expect(run.stderr).toContain('instance i-0pd00000000000b01');
  }, 30_000);
});
