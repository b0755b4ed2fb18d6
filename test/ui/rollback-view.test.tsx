/** The rollback's own view: its checklist, what will be restored, the confirmation, ticks. */
import { stripVTControlCharacters } from 'node:util';
import { render as renderInk } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ROLLBACK_CHECKLIST } from '../../src/app/rollback-view.js';
import { InkHost } from '../../src/ui/ink-host.js';
import { tick } from './_render.js';

describe('InkHost: the rollback view', () => {
  it('lists what will be restored with names, asks, and ticks every step on success', async () => {
    // Given the rollback's own checklist and its events up to the confirmation
    let instance: ReturnType<typeof renderInk> | undefined;
    const host = new InkHost({
      title: 'guardrails rollback',
      color: false,
      onInterrupt: () => {},
      flushMs: 0,
      checklist: ROLLBACK_CHECKLIST,
      mount: (element) => {
        instance = renderInk(element);
        return instance;
      },
    });
    const frame = () => stripVTControlCharacters(instance?.lastFrame() ?? '');
    host.notify({ type: 'step.started', step: 'preflight', title: 'Checking credentials' });
    host.notify({ type: 'step.finished', step: 'preflight', status: 'ok', summary: 'admin' });
    host.notify({ type: 'step.started', step: 'discover', title: 'Re-reading 3 targets' });
    host.notify({ type: 'step.finished', step: 'discover', status: 'ok', summary: '3 to restore' });
    host.notify({ type: 'step.started', step: 'confirm', title: 'Confirm' });
    const answer = host.ask({
      kind: 'confirm',
      id: 'rollback.confirm',
      message: 'Restore these 3 changes recorded in j.jsonl?',
      defaultAnswer: false,
      flag: '--yes',
      details: [
        'Organizations · detach DenyIMDSv1 from Root',
        'web-prod (222222222206) · us-east-1, eu-west-1 · httpTokens required → optional',
      ],
    });
    await tick();
    // Then only the rollback's steps are listed, with the restores above the question
    expect(frame()).toContain('○ 4 Restore');
    expect(frame()).not.toContain('Verify');
    expect(frame()).toContain('Organizations · detach DenyIMDSv1 from Root');
    expect(frame()).toContain(
      'web-prod (222222222206) · us-east-1, eu-west-1 · httpTokens required → optional',
    );
    expect(frame()).toContain('? Restore these 3 changes recorded in j.jsonl? (y/N)');
    // When the admin says yes and the restore succeeds
    instance?.stdin.write('y');
    await expect(answer).resolves.toBe(true);
    host.notify({ type: 'step.finished', step: 'confirm', status: 'ok', summary: 'restore 3' });
    host.notify({ type: 'step.started', step: 'apply', title: 'Restoring 3 changes' });
    host.notify({ type: 'step.finished', step: 'apply', status: 'ok', summary: '3 restored' });
    await tick();
    // Then every step is ticked
    expect(frame()).toMatch(/✔ 3 Confirm\s+restore 3/);
    expect(frame()).toMatch(/✔ 4 Restore\s+3 restored/);
    expect(frame()).not.toContain('○');
    await host.close();
  });
});
