/** The seeded drift of the sandbox `demo` scenario under the default config (src/sandbox/scenarios/demo.ts). */
import { DEFAULT_ENABLED_REGIONS } from '../../src/core/model/regions.js';

const all = [...DEFAULT_ENABLED_REGIONS];

export const DEMO = {
  rootId: 'r-gr01',
  management: '111111111111',
  logArchive: '222222222202',
  network: '222222222203',
  sharedServices: '222222222204',
  paymentsProd: '222222222205',
  webProd: '222222222206',
  paymentsDev: '222222222207',
  webDev: '222222222208',
  sandboxAlice: '222222222209',
  sandboxBob: '222222222210',
  legacyClosed: '222222222211',
  dataPlatform: '222222222212',
  securityAudit: '222222222201',
} as const;

/** `account/region` of every IMDS default the demo plan must set. */
export function demoDriftKeys(): string[] {
  const keys = (account: string, regions: readonly string[]) =>
    regions.map((r) => `${account}/${r}`);
  return [
    ...keys(DEMO.management, all),
    ...keys(DEMO.logArchive, ['eu-west-1']),
    ...keys(DEMO.network, all),
    ...keys(
      DEMO.sharedServices,
      all.filter((r) => r !== 'us-east-1' && r !== 'us-west-2'),
    ),
    ...keys(DEMO.paymentsProd, all),
    ...keys(DEMO.webProd, ['eu-south-1']),
    ...keys(DEMO.paymentsDev, all),
    ...keys(DEMO.webDev, all),
    ...keys(DEMO.sandboxAlice, all),
  ].sort();
}
