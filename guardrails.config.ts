import { defineConfig } from 'org-guardrails';

// The example config: enforce IMDSv2 everywhere, canary first, production last.
export default defineConfig({
  organization: {
    memberRoleName: 'OrganizationAccountAccessRole',
    sessionName: 'org-guardrails',
  },
  scope: {
    regions: 'enabled',
  },
  scp: {
    name: 'DenyIMDSv1',
    attachTo: ['Root'],
    companions: {
      maxHopLimit: { enabled: true, max: 2 },
      denyMetadataOptionsRelaxing: { enabled: true },
    },
  },
  imdsDefaults: {
    httpTokens: 'required',
    httpPutResponseHopLimit: 2,
  },
  rollout: {
    waves: [
      { name: 'canary', ous: ['Root/Sandbox'] },
      {
        name: 'non-production',
        ous: ['Root/Workloads/Dev', 'Root/Infrastructure', 'Root/Security'],
      },
      { name: 'production', rest: true },
    ],
    concurrency: 32,
  },
  reports: {
    dir: 'guardrails-reports',
    formats: ['html', 'json', 'markdown'],
  },
});
