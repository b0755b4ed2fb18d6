import { describe, expect, it } from 'vitest';
import { inverseOf } from '../../../src/core/journal/inverse.js';
import type {
  InstanceMetadataChange,
  LaunchTemplateChange,
} from '../../../src/core/plan/remediation-types.js';
import {
  remediationBeforeImage,
  remediationExpectedAfter,
} from '../../../src/core/remediation/undo.js';

const where = {
  accountId: '222222222207',
  accountName: 'payments-dev',
  ouPath: 'Root/Workloads/Dev',
  region: 'us-east-1',
  dependsOn: [],
};

const template: LaunchTemplateChange = {
  kind: 'launchTemplate.update',
  id: 'c-1',
  risk: 'restricting',
  ...where,
  templateId: 'lt-0pd0000000000c001',
  templateName: 'reporting',
  before: { defaultVersion: 1, metadata: { httpTokens: 'optional', hopLimit: 1 } },
  after: { metadata: { httpTokens: 'required', hopLimit: 1 } },
};

const instance: InstanceMetadataChange = {
  kind: 'instance.metadata',
  id: 'c-2',
  risk: 'restricting',
  ...where,
  instanceId: 'i-0pd00000000000b01',
  before: { httpTokens: 'optional' },
  after: { httpTokens: 'required' },
};

describe('remediation undo', () => {
  it('makes the old template version the default again (relaxing: needs approval)', () => {
    // Given the read-back after the apply: v3 became the default
    const before = remediationBeforeImage(template);
    const after = { ...before, defaultVersion: 3, httpTokens: 'required' as const };
    // When the undo is computed
    const { changes } = inverseOf(template, before, after);
    // Then it sets v1 back as the default, from v3
    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'launchTemplate.update',
        templateId: 'lt-0pd0000000000c001',
        before: { defaultVersion: 3, metadata: { httpTokens: 'required' } },
        after: { defaultVersion: 1 },
        risk: 'relaxing',
      }),
    ]);
    // And what rollback expects to find after that undo is v1 as default
    const undo = changes[0] as LaunchTemplateChange;
    expect(remediationExpectedAfter(undo, after)).toMatchObject({ defaultVersion: 1 });
  });

  it('cannot undo a template whose new version was never read back: it says so', () => {
    const result = inverseOf(template, remediationBeforeImage(template));
    expect(result.changes).toEqual([]);
    expect(result.note).toContain('make v1 the default by hand');
  });

  it('sets the instance back to its old HttpTokens', () => {
    const before = remediationBeforeImage(instance);
    const { changes } = inverseOf(instance, before, { ...before, httpTokens: 'required' });
    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'instance.metadata',
        instanceId: 'i-0pd00000000000b01',
        before: { httpTokens: 'required' },
        after: { httpTokens: 'optional' },
        risk: 'relaxing',
      }),
    ]);
  });
});
