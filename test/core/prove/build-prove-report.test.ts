import { describe, expect, it } from 'vitest';
import {
  buildProveReport,
  classifyProbes,
  denyKindOf,
  proveExitCode,
  UNCONFIRMED_ENFORCEMENT_ORDER,
} from '../../../src/core/prove/build-prove-report.js';
import type { LaunchProbe, ProveResult } from '../../../src/core/prove/types.js';

const allowed: LaunchProbe = { outcome: 'allowed' };
const scpDeny: LaunchProbe = {
  outcome: 'denied',
  explicitDeny: true,
  message: 'You are not authorized … with an explicit deny in a service control policy.',
};
const implicit: LaunchProbe = { outcome: 'denied', explicitDeny: false, message: 'no' };
const throttled: LaunchProbe = { outcome: 'error', code: 'RequestLimitExceeded', message: 'slow' };

const denyIn = (words: string): LaunchProbe => ({
  outcome: 'denied',
  explicitDeny: true,
  message: `User: arn:aws:sts::222222222201:assumed-role/r/s is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:222222222201:instance/* with an explicit deny in ${words}. Encoded authorization failure message: abc`,
});

describe('denyKindOf and deny kinds', () => {
  it('reads the kind of policy AWS names in an explicit-deny message', () => {
    expect(denyKindOf(scpDeny.message)).toBe('service-control-policy');
    expect(denyKindOf((denyIn('a permissions boundary') as { message: string }).message)).toBe(
      'permissions-boundary',
    );
    expect(denyKindOf((denyIn('an identity-based policy') as { message: string }).message)).toBe(
      'identity-based-policy',
    );
    expect(denyKindOf((denyIn('a resource control policy') as { message: string }).message)).toBe(
      'resource-control-policy',
    );
    expect(denyKindOf('because no service control policy allows the action')).toBeUndefined();
  });

  it('does not count an IMDSv1 launch denied by an identity policy or a boundary as proof of the SCP', () => {
    for (const words of ['an identity-based policy', 'a permissions boundary']) {
      expect(classifyProbes(denyIn(words), allowed)).toEqual({
        status: 'inconclusive',
        detail: expect.stringContaining(`denied by ${words}, not by an SCP`),
      });
    }
    expect(classifyProbes(denyIn('a service control policy'), allowed).status).toBe('proven');
  });

  it('names the kind when the IMDSv2 launch is denied too', () => {
    expect(classifyProbes(allowed, denyIn('a permissions boundary')).detail).toContain(
      'explicit deny in a permissions boundary',
    );
  });
});

describe('classifyProbes', () => {
  it('is proven only when IMDSv1 is refused and IMDSv2 passes', () => {
    expect(classifyProbes(scpDeny, allowed).status).toBe('proven');
    expect(classifyProbes(scpDeny, allowed).detail).toContain('service control policy');
    expect(classifyProbes(implicit, allowed).status).toBe('proven');
  });

  it('is not-enforced when an IMDSv1 launch would succeed', () => {
    expect(classifyProbes(allowed, allowed).status).toBe('not-enforced');
  });

  it('is blocked when the IMDSv2 launch is refused too, whatever IMDSv1 says', () => {
    expect(classifyProbes(scpDeny, scpDeny)).toMatchObject({
      status: 'blocked',
      detail: expect.stringContaining('explicit deny'),
    });
    expect(classifyProbes(allowed, implicit).status).toBe('blocked');
  });

  it('is an error when either dry run could not be answered', () => {
    expect(classifyProbes(throttled, allowed)).toEqual({
      status: 'error',
      detail: 'RequestLimitExceeded: slow',
    });
    expect(classifyProbes(scpDeny, throttled).status).toBe('error');
  });
});

function result(partial: Partial<ProveResult>): ProveResult {
  return {
    accountId: '222222222201',
    accountName: 'a',
    ouPath: 'Root',
    region: 'us-east-1',
    status: 'proven',
    detail: '',
    ...partial,
  };
}

describe('buildProveReport', () => {
  const meta = {
    toolVersion: '1.0.0',
    generatedAt: '2026-11-26T00:00:00.000Z',
    organizationId: 'o-1',
    managementAccountId: '111111111111',
    caller: { accountId: '111111111111', arn: 'arn:aws:iam::111111111111:user/x' },
  };

  it('sorts by OU path, account and region, counts every status, and exits 0 when all covered targets are proven', () => {
    const report = buildProveReport({
      ...meta,
      results: [
        result({ ouPath: 'Root/B', region: 'us-west-2' }),
        result({ ouPath: 'Root/B', region: 'eu-west-1' }),
        result({ accountId: '111111111111', status: 'management-account' }),
      ],
    });
    expect(report.results.map((r) => `${r.ouPath} ${r.region}`)).toEqual([
      'Root us-east-1',
      'Root/B eu-west-1',
      'Root/B us-west-2',
    ]);
    expect(report.counts).toMatchObject({ proven: 2, 'management-account': 1, total: 3 });
    expect(proveExitCode(report)).toBe(0);
  });

  it.each(['not-enforced', 'blocked', 'unreachable', 'error'] as const)(
    'exits 2 when a target is %s',
    (status) => {
      const report = buildProveReport({ ...meta, results: [result({}), result({ status })] });
      expect(proveExitCode(report)).toBe(2);
    },
  );
});

describe('classifyProbes with HttpTokensEnforced', () => {
  const enforced: LaunchProbe = {
    outcome: 'refused',
    code: 'UnsupportedOperation',
    message: 'IMDSv2 is enforced',
  };
  it('counts an IMDSv1 launch refused by EC2 enforcement as proven, saying it was not an SCP and that the order it rests on is unconfirmed', () => {
    expect(classifyProbes(enforced, allowed)).toEqual({
      status: 'proven',
      detail: expect.stringContaining('not by an SCP'),
      unconfirmed: UNCONFIRMED_ENFORCEMENT_ORDER,
    });
    // An SCP deny rests on nothing unconfirmed
    expect(classifyProbes(scpDeny, allowed).unconfirmed).toBeUndefined();
  });
  it('is blocked when EC2 refuses the IMDSv2 launch', () => {
    expect(classifyProbes(allowed, enforced).status).toBe('blocked');
  });
});
