/**
 * Journal arithmetic for remediation changes (pure): the before-image a change starts from, the
 * image a landed write leaves, and the change that undoes it — the template's default set back
 * to the version it had, the instance back to its old HttpTokens.
 */
import type {
  InstanceMetadataChange,
  LaunchTemplateChange,
  RemediationChange,
  RemediationImage,
} from '../plan/remediation-types.js';

type TemplateImage = Extract<RemediationImage, { kind: 'launchTemplate' }>;
type InstanceImage = Extract<RemediationImage, { kind: 'instance' }>;

export function remediationBeforeImage(change: RemediationChange): RemediationImage {
  const where = { accountId: change.accountId, region: change.region };
  if (change.kind === 'instance.metadata') {
    return {
      kind: 'instance',
      ...where,
      instanceId: change.instanceId,
      httpTokens: change.before.httpTokens,
    };
  }
  const image: TemplateImage = {
    kind: 'launchTemplate',
    ...where,
    templateId: change.templateId,
    defaultVersion: change.before.defaultVersion,
  };
  if (change.before.metadata?.httpTokens) image.httpTokens = change.before.metadata.httpTokens;
  return image;
}

/**
 * What the target shows once the write landed. For a new template version the number is only
 * known from the read-back (`after`); without it the best guess is "the default requires IMDSv2".
 */
export function remediationExpectedAfter(
  change: RemediationChange,
  before: RemediationImage,
  after?: RemediationImage,
): RemediationImage | undefined {
  if (after) return after;
  if (change.kind === 'instance.metadata') {
    return before.kind === 'instance'
      ? { ...before, httpTokens: change.after.httpTokens }
      : undefined;
  }
  if (before.kind !== 'launchTemplate') return undefined;
  if ('defaultVersion' in change.after) {
    const restored: TemplateImage = { ...before, defaultVersion: change.after.defaultVersion };
    delete restored.httpTokens;
    return restored;
  }
  return undefined;
}

/** Two images show the same state (a template: the same default version). */
export function sameRemediationImage(a: RemediationImage, b: RemediationImage): boolean {
  if (a.kind === 'instance' && b.kind === 'instance') return a.httpTokens === b.httpTokens;
  if (a.kind === 'launchTemplate' && b.kind === 'launchTemplate') {
    return a.defaultVersion === b.defaultVersion;
  }
  return false;
}

type Unclassified<C> = C extends unknown ? Omit<C, 'id' | 'risk' | 'dependsOn'> : never;

export type RemediationUndo = { change: Unclassified<RemediationChange> } | { note: string };

export function remediationUndo(
  change: RemediationChange,
  before: RemediationImage,
  after?: RemediationImage,
): RemediationUndo {
  const { id: _id, risk: _risk, dependsOn: _deps, ...rest } = change;
  if (change.kind === 'instance.metadata') {
    const was = before.kind === 'instance' ? before.httpTokens : change.before.httpTokens;
    const now = (after as InstanceImage | undefined)?.httpTokens ?? change.after.httpTokens;
    const undo: Omit<InstanceMetadataChange, 'id' | 'risk' | 'dependsOn'> = {
      ...(rest as Omit<InstanceMetadataChange, 'id' | 'risk' | 'dependsOn'>),
      before: { httpTokens: now },
      after: { httpTokens: was },
    };
    return { change: undo };
  }
  const was =
    before.kind === 'launchTemplate' ? before.defaultVersion : change.before.defaultVersion;
  const now = after?.kind === 'launchTemplate' ? after.defaultVersion : undefined;
  if (now === undefined) {
    return {
      note: `launch template ${change.templateName} (${change.templateId}): the new default version was never read back; make v${was} the default by hand if needed`,
    };
  }
  const undo: Omit<LaunchTemplateChange, 'id' | 'risk' | 'dependsOn'> = {
    ...(rest as Omit<LaunchTemplateChange, 'id' | 'risk' | 'dependsOn'>),
    before: { defaultVersion: now, metadata: { httpTokens: 'required' } },
    after: { defaultVersion: was },
  };
  return { change: undo };
}
