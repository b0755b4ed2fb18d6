/**
 * The sweep: GetInstanceMetadataDefaults for every in-scope account × region, bounded globally
 * and per account. A target that still fails after the SDK's retries becomes an `error`
 * observation — never a crash — and the rest of the sweep completes.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import type { AwsGateways } from '../aws/gateways.js';
import type { RegionName, RegionObservation } from '../core/model/types.js';
import { AwsApiError } from '../errors.js';
import { messageOf } from './read-account-access.js';

export interface SweepTarget {
  accountId: string;
  regions: RegionName[];
}

export interface ReadImdsDefaultsInput {
  gateways: AwsGateways;
  targets: SweepTarget[];
  concurrency: number;
  perAccountConcurrency: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Region observations per account id, each list sorted by region name. */
export async function readImdsDefaults(
  input: ReadImdsDefaultsInput,
): Promise<Map<string, RegionObservation[]>> {
  const global = pLimit(Math.max(1, input.concurrency));
  const perAccount = new Map<string, LimitFunction>();
  const total = input.targets.reduce((n, t) => n + t.regions.length, 0);
  // Progress at ~1% steps: a 170k-target sweep must not flood the host with events.
  const step = Math.max(1, Math.floor(total / 100));
  let done = 0;
  input.onProgress?.(0, total);

  const result = new Map<string, RegionObservation[]>();
  await Promise.all(
    input.targets.map(async (target) => {
      let accountLimit = perAccount.get(target.accountId);
      if (!accountLimit) {
        accountLimit = pLimit(Math.max(1, input.perAccountConcurrency));
        perAccount.set(target.accountId, accountLimit);
      }
      const limited = accountLimit;
      // Per-account slot first, then a global slot: a busy account never holds global slots idle.
      const observations = await Promise.all(
        target.regions.map((region) =>
          limited(() =>
            global(async () => {
              const observation = await readOne(input, target.accountId, region);
              done += 1;
              if (done === total || done % step === 0) input.onProgress?.(done, total);
              return observation;
            }),
          ),
        ),
      );
      result.set(
        target.accountId,
        observations.sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0)),
      );
    }),
  );
  return result;
}

async function readOne(
  input: ReadImdsDefaultsInput,
  accountId: string,
  region: RegionName,
): Promise<RegionObservation> {
  if (input.signal?.aborted) {
    return { region, status: 'error', code: 'Aborted', message: 'the sweep was interrupted' };
  }
  try {
    const ec2 = await input.gateways.ec2(accountId, region);
    const imds = await ec2.getInstanceMetadataDefaults();
    return { region, status: 'ok', imds };
  } catch (err) {
    const code = err instanceof AwsApiError ? err.awsCode : 'UnknownError';
    // EC2 answers AuthFailure in a region the account has not enabled (reference §3.1).
    if (code === 'AuthFailure' || code === 'OptInRequired') {
      return { region, status: 'unreachable', reason: 'region-disabled', message: messageOf(err) };
    }
    if (code === 'AccessDenied') {
      return { region, status: 'unreachable', reason: 'role-denied', message: messageOf(err) };
    }
    return { region, status: 'error', code, message: messageOf(err) };
  }
}
