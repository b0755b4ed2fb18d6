import { describe, expect, it } from 'vitest';
import { permissionsSchema } from '../../src/report/permissions-schema.js';
import { runCliCaptured } from '../_helpers/run-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';

describe('guardrails permissions', () => {
  it('prints both policies for every command, naming the member role from the config', async () => {
    const cwd = tempDir({
      'guardrails.config.json': JSON.stringify({
        organization: { memberRoleName: 'GuardrailsRole' },
      }),
    });
    const run = await runCliCaptured(['permissions'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('# Management-account caller — every command');
    expect(run.stdout).toContain(
      '# Member role GuardrailsRole (every member account) — every command',
    );
    expect(run.stdout).toContain('"arn:aws:iam::*:role/GuardrailsRole"');
  });

  it('--role prints one policy document, ready for IAM', async () => {
    const run = await runCliCaptured(['permissions', '--command', 'verify', '--role', 'member'], {
      cwd: tempDir(),
    });
    expect(JSON.parse(run.stdout)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'EveryAccount',
          Effect: 'Allow',
          Action: ['ec2:DescribeRegions', 'ec2:GetInstanceMetadataDefaults'],
          Resource: '*',
        },
      ],
    });
  });

  it('--json lists each command and their union', async () => {
    const run = await runCliCaptured(['permissions', '--command', 'prove,verify', '--json'], {
      cwd: tempDir(),
    });
    const out = JSON.parse(run.stdout);
    expect(permissionsSchema.parse(out)).toEqual(out);
    expect(Object.keys(out.commands)).toEqual(['prove', 'verify']);
    const actions = (doc: { Statement: { Action: string[] }[] }) =>
      doc.Statement.flatMap((s) => s.Action);
    expect(actions(out.combined.member)).toEqual([
      'ec2:DescribeRegions',
      'ec2:DescribeSubnets',
      'ec2:GetInstanceMetadataDefaults',
      'ec2:RunInstances',
      'ssm:GetParameters',
    ]);
    expect(actions(out.commands.verify.member)).not.toContain('ec2:RunInstances');
  });

  it('refuses an unknown command name, listing the valid ones', async () => {
    const run = await runCliCaptured(['permissions', '--command', 'deploy'], { cwd: tempDir() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('discover, plan, apply, rollback, verify, readiness, prove');
  });
});
