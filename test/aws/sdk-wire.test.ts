// The real SDK against a minimal local endpoint: retry strategy and malformed responses.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAwsGateways } from '../../src/aws/create-aws-gateways.js';
import { AwsApiError } from '../../src/errors.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(answers: Array<{ status: number; body: string }>) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(String(req.headers['amz-sdk-request']));
    req.resume();
    req.on('end', () => {
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)] ?? {
        status: 500,
        body: '',
      };
      res.writeHead(answer.status, {
        'content-type': 'text/xml',
        'x-amzn-requestid': 'r1',
        connection: 'close',
      });
      res.end(answer.body);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const throttled = {
  status: 400,
  body: '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r1</RequestId></ErrorResponse>',
};
const identity = {
  status: 200,
  body: '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::111111111111:user/admin</Arn><UserId>AIDA</UserId><Account>111111111111</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
};

function gateways(url: string, maxAttempts: number) {
  return createAwsGateways({
    env: { AWS_ENDPOINT_URL: url, AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'secret' },
    retry: { maxAttempts, baseDelayMs: 1, maxDelayMs: 2 },
    toolVersion: '0.0.0-test',
    memberRole: { roleName: 'R', sessionName: 'org-guardrails', durationSeconds: 900 },
  });
}

describe('SDK clients built by the factory', () => {
  it('retry throttling with the configured strategy and succeed', async () => {
    const { url, seen } = await serve([throttled, throttled, identity]);
    const gw = gateways(url, 4);
    const started = Date.now();
    const id = await gw.sts.getCallerIdentity();
    expect(id).toEqual({
      accountId: '111111111111',
      arn: 'arn:aws:iam::111111111111:user/admin',
      userId: 'AIDA',
    });
    expect(seen).toEqual(['attempt=1; max=4', 'attempt=2; max=4', 'attempt=3; max=4']);
    expect(Date.now() - started).toBeLessThan(1000);
    gw.close?.();
  });

  it('give up after maxAttempts with a retryable AwsApiError', async () => {
    const { url, seen } = await serve([throttled]);
    const gw = gateways(url, 2);
    const err = (await gw.sts.getCallerIdentity().catch((e: unknown) => e)) as AwsApiError;
    expect(err).toBeInstanceOf(AwsApiError);
    expect(err.awsCode).toBe('Throttling');
    expect(err.retryable).toBe(true);
    expect(seen).toHaveLength(2);
    gw.close?.();
  });

  it('report a response that is not AWS XML as MalformedResponse', async () => {
    const { url } = await serve([{ status: 200, body: '<html><body>hello</body' }]);
    const gw = gateways(url, 1);
    const err = (await gw.sts.getCallerIdentity().catch((e: unknown) => e)) as AwsApiError;
    expect(err).toBeInstanceOf(AwsApiError);
    expect(err.awsCode).toBe('MalformedResponse');
    expect(err.context).toMatchObject({ service: 'sts', operation: 'GetCallerIdentity' });
    gw.close?.();
  });
});
