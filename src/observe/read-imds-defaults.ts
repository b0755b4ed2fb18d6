/**
 * The sweep: GetInstanceMetadataDefaults for every in-scope account × region, bounded globally
 * and per account. A target that still fails after the SDK's retries becomes an `error`
 * observation — never a crash — and the rest of the sweep completes.
 */
import pLimit from 'p-limit';
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
  const total = input.targets.reduce((n, t) => n + t.regions.length, 0);
  // Progress at ~1% steps: a 170k-target sweep must not flood the host with events.
  const step = Math.max(1, Math.floor(total / 100));
  let done = 0;
  input.onProgress?.(0, total);

  const result = new Map<string, RegionObservation[]>();
  const perAccount = Math.max(1, input.perAccountConcurrency);
  const readAccount = async (target: SweepTarget) => {
    const accountLimit = pLimit(perAccount);
    // Per-account slot first, then a global slot: a busy account never holds global slots idle.
    const observations = await Promise.all(
      target.regions.map((region) =>
        accountLimit(() =>
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
  };

  // Only a bounded window of accounts is in flight: queuing every account × region read up
  // front held ~1.5 KB per target (closure, promise, queue entry) — 250 MB at 10,000 × 17.
  // Accounts start while the reads they can run at once (their per-account cap) add up to less
  // than twice the global slots, so the slots stay busy as accounts finish at different speeds.
  const window = 2 * Math.max(1, input.concurrency);
  await new Promise<void>((resolve, reject) => {
    let next = 0;
    let runnable = 0;
    let activeAccounts = 0;
    const pump = () => {
      for (
        let target = input.targets[next];
        target && runnable < window;
        target = input.targets[next]
      ) {
        next += 1;
        const size = Math.min(perAccount, target.regions.length);
        runnable += size;
        activeAccounts += 1;
        readAccount(target).then(() => {
          runnable -= size;
          activeAccounts -= 1;
          pump();
        }, reject);
      }
      if (activeAccounts === 0 && next >= input.targets.length) resolve();
    };
    pump();
  });
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
