/**
 * Exit codes per command, from the CLI contract (DESIGN §3). commander has no place for them, so
 * they live here; a command missing from this table gets the generic 0 / 1.
 */
export const EXIT_CODES: Record<string, readonly (readonly [code: number, meaning: string])[]> = {
  guardrails: [
    [0, 'done: converged, compliant or nothing to change'],
    [1, 'error (config, preflight, AWS API, usage)'],
    [2, 'findings or changes pending (verify, plan --detailed-exitcode)'],
    [3, 'partial apply: some targets failed (resume with --resume)'],
    [130, 'aborted (Ctrl-C or a declined confirmation)'],
  ],
  config: [
    [0, 'the config is valid; it was printed'],
    [1, 'the config file is missing, cannot be loaded or is invalid'],
  ],
  discover: [
    [0, 'the organization was read'],
    [1, 'error (not the management account, credentials, AWS API)'],
  ],
  plan: [
    [0, 'no changes (or changes, without --detailed-exitcode)'],
    [1, 'error'],
    [2, 'changes pending (with --detailed-exitcode)'],
  ],
  apply: [
    [0, 'converged: every change applied'],
    [1, 'error (including a stale plan, refused)'],
    [3, 'partial: some targets failed; resume with --resume <journal>'],
    [130, 'aborted'],
  ],
  verify: [
    [0, 'compliant: no findings'],
    [1, 'the sweep could not run'],
    [2, 'findings'],
  ],
  rollback: [
    [0, 'everything recorded in the journal was undone'],
    [1, 'error'],
    [3, 'partial: some undo steps failed'],
  ],
  sandbox: [
    [0, 'stopped cleanly (Ctrl-C / SIGTERM)'],
    [1, 'could not start (e.g. the port is in use)'],
  ],
  demo: [
    [0, 'the guided rollout finished'],
    [1, 'error'],
    [130, 'aborted'],
  ],
};

export const DEFAULT_EXIT_CODES = [
  [0, 'success'],
  [1, 'error'],
] as const;
