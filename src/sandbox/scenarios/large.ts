import { DEFAULT_ENABLED_REGIONS } from '../../core/model/regions.js';
import type { ImdsDefaults } from '../../core/model/types.js';
import { createRng } from '../rng.js';
import { type NetworkLayout, setNetworkLayout } from '../state/network.js';
import type { World } from '../state/world.js';
import { addAccount, addOu, createOrganization, ROOT_ID, setImds } from './builder.js';
import { addRefusedLaunch } from './demo-launches.js';

/** Default regions with us-east-1 first, so even one region keeps STS and the SDK default usable. */
const REGION_ORDER = ['us-east-1', ...DEFAULT_ENABLED_REGIONS.filter((r) => r !== 'us-east-1')];

const DRIFT: { weight: number; value: ImdsDefaults | undefined }[] = [
  { weight: 0.4, value: { httpTokens: 'required', httpPutResponseHopLimit: 2 } },
  { weight: 0.1, value: { httpTokens: 'optional', httpPutResponseHopLimit: 1 } },
  { weight: 0.1, value: { httpTokens: 'required', httpPutResponseHopLimit: 1 } },
  { weight: 0.4, value: undefined },
];

function pickDrift(roll: number): ImdsDefaults | undefined {
  let rest = roll;
  for (const d of DRIFT) {
    rest -= d.weight;
    if (rest < 0) return d.value;
  }
  return undefined;
}

/**
 * Most landing zones delete default VPCs: 60 % of account × regions have only the landing zone's
 * VPC, 2 % no VPC at all (prove: inconclusive), the rest keep AWS's default VPC.
 */
function pickNetwork(roll: number): NetworkLayout {
  if (roll < 0.02) return 'none';
  return roll < 0.62 ? 'private' : 'default';
}

/**
 * `large`: N member accounts (ids 3000000000NN…) spread over five leaf OUs, each with the first
 * M default regions enabled and seeded drift in its IMDS defaults. Deterministic for a seed.
 */
export function largeScenario(options: {
  accounts: number;
  regions: number;
  seed: number;
  /** Share of accounts with a launch the SCP would refuse (default 0). */
  refusedLaunchShare?: number;
}): World {
  const world = createOrganization(['SERVICE_CONTROL_POLICY']);
  const rng = createRng(options.seed);
  const launchRng = createRng(options.seed + 0x1a0c);
  const networkRng = createRng(options.seed + 0x7bc);
  addOu(world, 'ou-gr01-security', 'Security', ROOT_ID);
  addOu(world, 'ou-gr01-infrastructure', 'Infrastructure', ROOT_ID);
  addOu(world, 'ou-gr01-workloads', 'Workloads', ROOT_ID);
  addOu(world, 'ou-gr01-workloadsprod', 'Prod', 'ou-gr01-workloads');
  addOu(world, 'ou-gr01-workloadsdev', 'Dev', 'ou-gr01-workloads');
  addOu(world, 'ou-gr01-sandboxes', 'Sandbox', ROOT_ID);
  const leaves = [
    'ou-gr01-security',
    'ou-gr01-infrastructure',
    'ou-gr01-workloadsprod',
    'ou-gr01-workloadsdev',
    'ou-gr01-sandboxes',
  ];
  const regionCount = Math.max(1, Math.min(options.regions, REGION_ORDER.length));
  const regions = REGION_ORDER.slice(0, regionCount);
  for (let i = 1; i <= options.accounts; i++) {
    const account = addAccount(world, {
      id: String(300_000_000_000 + i),
      name: `account-${String(i).padStart(5, '0')}`,
      parentId: leaves[i % leaves.length] ?? ROOT_ID,
      regions,
    });
    for (const region of regions) {
      const drift = pickDrift(rng());
      if (drift) setImds(world, account, drift, [region]);
    }
    for (const region of regions) {
      const layout = pickNetwork(networkRng());
      if (layout !== 'default') setNetworkLayout(world, account.id, region, layout);
    }
    // Its own random stream: a seed's drift stays what it was before launches existed.
    if (launchRng() < (options.refusedLaunchShare ?? 0)) {
      addRefusedLaunch(world, account.id, regions[0] ?? 'us-east-1');
    }
  }
  return world;
}
