import {
  CreateLaunchTemplateVersionCommand,
  ModifyLaunchTemplateCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReadinessReport } from '../../src/core/readiness/types.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runCliCaptured } from '../_helpers/run-cli.js';
import { assume, clients } from '../sandbox/clients.js';

const PAYMENTS_DEV = '222222222207';
const BATCH_WORKER = 'lt-0pd0000000000b001'; // omits MetadataOptions (demo)
const V2_AMI = 'ami-0b2c3d4e5f6a7b8c9'; // ImdsSupport v2.0 (sandbox images)

let sb: SandboxHandle;
beforeEach(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, throttling: 'off', consistency: 'strong' });
});
afterEach(() => sb.close());

async function templateFinding() {
  const run = await runCliCaptured(
    ['readiness', '--format', 'json', '--regions', 'us-east-1', '--accounts', PAYMENTS_DEV],
    { env: { ...sb.env, GUARDRAILS_RETRY_BASE_MS: '1', GUARDRAILS_RETRY_MAX_MS: '5' } },
  );
  const report = JSON.parse(run.stdout) as ReadinessReport;
  return report.launchTemplates.find((t) => t.templateId === BATCH_WORKER);
}

describe('readiness resolves omitted metadata options like EC2, AMI ImdsSupport included', () => {
  it('an omitted template on a v2.0 AMI resolves to required (not IMDSv1) and stays listed for the SCP; the account default still wins', async () => {
    // Given batch-worker's default version moved to an AMI with ImdsSupport v2.0, still omitting
    // MetadataOptions
    const { ec2 } = clients(sb, await assume(sb, PAYMENTS_DEV), 'us-east-1');
    const v = await ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: BATCH_WORKER,
        SourceVersion: '1',
        LaunchTemplateData: { ImageId: V2_AMI },
      }),
    );
    await ec2.send(
      new ModifyLaunchTemplateCommand({
        LaunchTemplateId: BATCH_WORKER,
        DefaultVersion: String(v.LaunchTemplateVersion?.VersionNumber),
      }),
    );
    // payments-dev sets HttpTokens=optional as its account default: that wins over the AMI
    expect(await templateFinding()).toMatchObject({
      issue: 'omitted',
      effectiveTokens: 'optional',
      effectiveSource: 'account-default',
    });
    // When the account default is cleared, the AMI decides
    await sb.admin.setImds(PAYMENTS_DEV, 'us-east-1', {});
    expect(await templateFinding()).toMatchObject({
      issue: 'omitted',
      effectiveTokens: 'required',
      effectiveSource: 'ami',
    });
  });
});
