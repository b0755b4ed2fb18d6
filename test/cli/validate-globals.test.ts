/**
 * Connection flags are checked before any AWS call: a bad URL or region is a usage error with a
 * suggestion (exit 1), never a credentials or DNS failure seconds later.
 */
import { describe, expect, it } from 'vitest';
import { endpointProblem, regionProblem } from '../../src/commands/validate-globals.js';
import { runCliCaptured } from '../_helpers/run-cli.js';

// An endpoint nothing listens on: a run that got past validation would fail differently.
const DEAD_ENDPOINT = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' };

describe('--endpoint-url and --region are validated before any call', () => {
  it('an endpoint without a scheme names the flag and suggests the URL with http://', async () => {
    const run = await runCliCaptured(['discover', '--endpoint-url', '127.0.0.1:4599'], {
      env: DEAD_ENDPOINT,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'Error: --endpoint-url: "127.0.0.1:4599" is not an http:// or https:// URL.',
    );
    expect(run.stderr).toContain('hint: Add the scheme: http://127.0.0.1:4599');
    expect(run.stderr).not.toMatch(/Invalid URL|credentials/i);
  });

  it('a typo in --region says which regions were meant', async () => {
    const run = await runCliCaptured(['verify', '--region', 'eu-wst-1'], { env: DEAD_ENDPOINT });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Error: --region: "eu-wst-1" is not an AWS region name.');
    expect(run.stderr).toContain('hint: Did you mean "eu-west-1"');
  });

  it('AWS_ENDPOINT_URL and AWS_REGION from the environment are checked the same way', async () => {
    const url = await runCliCaptured(['plan'], {
      env: { ...DEAD_ENDPOINT, AWS_ENDPOINT_URL: 'localhost:4599' },
    });
    expect(url.code).toBe(1);
    expect(url.stderr).toContain('AWS_ENDPOINT_URL: "localhost:4599" is not an http://');
    const region = await runCliCaptured(['plan'], {
      env: { ...DEAD_ENDPOINT, AWS_REGION: 'us-east1' },
    });
    expect(region.code).toBe(1);
    expect(region.stderr).toContain('AWS_REGION: "us-east1" is not an AWS region name.');
    expect(region.stderr).toContain('Did you mean "us-east-1"');
  });

  it('accepts real region shapes outside the commercial list and http(s) endpoints', () => {
    for (const region of ['eu-west-1', 'us-gov-west-1', 'cn-north-1', 'ap-southeast-7']) {
      expect(regionProblem(region), region).toBeUndefined();
    }
    for (const url of ['http://127.0.0.1:4599', 'https://ec2.eu-west-1.amazonaws.com']) {
      expect(endpointProblem(url), url).toBeUndefined();
    }
    expect(endpointProblem('ftp://example.com')?.message).toContain('not an http');
  });
});
