/** The guided rollout's Launches panel: refusals with their fix, and accounts it could not read. */
import { stripVTControlCharacters } from 'node:util';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { LaunchesPanel } from '../../src/ui/components/LaunchesPanel.js';
import { initialState, reduce } from '../../src/ui/state.js';

afterEach(() => cleanup());

describe('LaunchesPanel', () => {
  it('names an account whose member role may not call cloudtrail:LookupEvents, with the fix', () => {
    const state = initialState();
    reduce(
      state,
      {
        type: 'launches.previewed',
        policy: 'DenyIMDSv1',
        lookbackDays: 14,
        launches: 3,
        refused: 1,
        unknown: 0,
        accountsWithRefusals: 1,
        principals: [
          {
            accountId: '222222222207',
            accountName: 'payments-dev',
            principal: 'user/legacy-deployer',
            launcher: 'Terraform',
            verdict: 'refused',
            launches: 1,
            refused: 1,
            fix: 'metadata_options { http_tokens = "required" }',
          },
        ],
        lookupDenied: [
          {
            accountId: '222222222206',
            accountName: 'web-prod',
            regions: ['us-east-1', 'eu-west-1'],
          },
        ],
      },
      0,
    );
    const { lastFrame } = render(<LaunchesPanel state={state} />);
    const frame = stripVTControlCharacters(lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain('payments-dev user/legacy-deployer · Terraform · 1 refused');
    expect(frame).toContain(
      'web-prod (222222222206): LookupEvents denied → guardrails permissions',
    );
  });
});
