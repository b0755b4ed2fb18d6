/**
 * Every step a run reports, in the order a run takes them, with the title the rollout's checklist
 * shows. StepName, the NDJSON schema's step enum, the checklist and the order a step is inserted
 * into it all derive from this list.
 */
export const STEPS = [
  { name: 'preflight', title: 'Preflight' },
  { name: 'discover', title: 'Discover' },
  { name: 'readiness', title: 'Readiness' },
  { name: 'plan', title: 'Plan' },
  { name: 'confirm', title: 'Confirm' },
  { name: 'apply', title: 'Apply' },
  { name: 'verify', title: 'Verify' },
  { name: 'prove', title: 'Prove' },
  { name: 'report', title: 'Report' },
] as const;

export type StepName = (typeof STEPS)[number]['name'];

export const STEP_NAMES = STEPS.map((step) => step.name) as [StepName, ...StepName[]];

export function stepTitle(name: StepName): string {
  return STEPS.find((step) => step.name === name)?.title ?? name;
}
