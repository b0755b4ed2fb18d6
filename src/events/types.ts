/**
 * The single registry of what the core tells hosts (events) and asks them (questions).
 * Event types are dotted strings. Hosts render them; the core never prints.
 */
import type { CallerIdentity } from '../core/model/types.js';
import type { ChangeKind, Plan, PlanSummary } from '../core/plan/types.js';
import type { StatusCounts } from '../core/verify/types.js';
import type { StepName } from './steps.js';

export type { StepName };

export type GuardrailsEvent =
  | { type: 'step.started'; step: StepName; title: string }
  | {
      type: 'step.finished';
      step: StepName;
      status: 'ok' | 'failed' | 'skipped';
      summary?: string;
      /** The step ran, and found this many findings (the exit code will say 2): marked ✗, not ✔. */
      findings?: number;
    }
  | {
      type: 'preflight.identity';
      caller: CallerIdentity;
      organizationId: string;
      managementAccountId: string;
      configFile: string | undefined;
    }
  | {
      type: 'discover.progress';
      ous: number;
      accounts: number;
      reachable: number;
      unreachable: number;
      regions: number;
    }
  | { type: 'sweep.progress'; done: number; total: number }
  | {
      type: 'plan.ready';
      summary: PlanSummary;
      /** The whole plan, for hosts that show detail (the ink UI). NDJSON leaves it out. */
      plan?: Plan;
      /** In-scope accounts with their region counts (unchanged = regions − changes − skipped). */
      targets?: PlanTarget[];
    }
  | {
      /**
       * The plan the run will execute, made again around the accounts it holds out (readiness
       * gate, launch gate, waves not chosen): the SCP attached below them instead of above.
       * Hosts that show the plan redraw it; `planned` is the count `plan.ready` said.
       */
      type: 'plan.revised';
      summary: PlanSummary;
      /** The whole plan, for hosts that show detail (the ink UI). NDJSON leaves it out. */
      plan?: Plan;
      planned: number;
    }
  | {
      type: 'wave.started';
      wave: string;
      index: number;
      total: number;
      changes: number;
      /** Per-account change counts of this wave (progress per account; finished accounts). */
      accounts?: WaveAccount[];
    }
  | { type: 'wave.finished'; wave: string; succeeded: number; failed: number; skipped: number }
  | {
      type: 'change.started';
      changeId: string;
      kind: ChangeKind;
      label: string;
      accountId?: string;
      region?: string;
    }
  | { type: 'change.retrying'; changeId: string; attempt: number; delayMs: number; code: string }
  | { type: 'change.succeeded'; changeId: string }
  | { type: 'change.failed'; changeId: string; code: string; message: string }
  | { type: 'change.skipped'; changeId: string; reason: string }
  | {
      type: 'run.finished';
      succeeded: number;
      failed: number;
      skipped: number;
      durationMs: number;
      journal: string | undefined;
      /** The exact command that continues this run, when it did not finish. */
      resumeCommand?: string;
    }
  | {
      /**
       * The readiness gate's decision before the waves: at-risk accounts (IMDSv1 calls seen) held
       * out of the rollout — none of their changes is applied — and those let in by an override.
       */
      type: 'readiness.gated';
      /**
       * `scp`: the launch gate — accounts whose launches the SCP would refuse, held out of the
       * SCP's reach only (their defaults still apply). Absent: the IMDSv1-calls gate (every lane).
       */
      lane?: 'scp';
      held: GatedAccount[];
      overridden: GatedAccount[];
    }
  | {
      /**
       * The launch preview readiness made: who the SCP would refuse (the rollout's Launches
       * panel). At most 10 principals, refusals first; the readiness report has them all.
       */
      type: 'launches.previewed';
      policy: string | null;
      lookbackDays: number;
      launches: number;
      refused: number;
      unknown: number;
      accountsWithRefusals: number;
      principals: PreviewedPrincipal[];
      /** Accounts whose member role may not call cloudtrail:LookupEvents: not previewed there. */
      lookupDenied: { accountId: string; accountName: string; regions: string[] }[];
    }
  | { type: 'verify.finished'; counts: StatusCounts }
  | { type: 'report.written'; format: string; path: string }
  | {
      type: 'log';
      level: 'info' | 'warn' | 'error';
      message: string;
      /** A line shown whole on its own (a config line to paste), never cut to the width. */
      detail?: string;
    }
  | { type: 'heartbeat'; message: string };

export type EventType = GuardrailsEvent['type'];

export interface PlanTarget {
  accountId: string;
  accountName: string;
  ouPath: string;
  regions: number;
}

export interface WaveAccount {
  accountId: string;
  accountName: string;
  changes: number;
}

/** One account × principal of the launch preview, as the rollout's panel shows it. */
export interface PreviewedPrincipal {
  accountId: string;
  accountName: string;
  /** `role/KarpenterControllerRole-web-dev`. */
  principal: string;
  launcher: string;
  verdict: 'refused' | 'unknown' | 'already-refused' | 'allowed' | 'not-subject';
  launches: number;
  refused: number;
  fix: string;
}

/** An at-risk account in the readiness gate: its planned changes and why it is at risk. */
export interface GatedAccount {
  accountId: string;
  accountName: string;
  /** Changes of the plan for this account (held: not applied). */
  changes: number;
  /** The readiness evidence, most important first. */
  evidence: string[];
}

/** One wave offered in the `choose-waves` question. */
export interface WaveChoice {
  name: string;
  changes: number;
  accounts: number;
  /** Touches production (an OU or wave named like prod): needs the organization id typed. */
  production: boolean;
  /** Changes that loosen a protection (their own question follows; absent = none). */
  relaxing?: number;
  /** What the wave does with an SCP's new content (canary, swap; absent = nothing). */
  scp?: string;
}

export type Question =
  | {
      kind: 'confirm';
      id: string;
      message: string;
      defaultAnswer: boolean;
      flag: string;
      /**
       * true = without a terminal the default answer is taken (the question only offers something
       * optional, like "run verify again?"); otherwise a non-interactive host throws
       * NonInteractiveError naming `flag`.
       */
      safeDefault?: boolean;
      /** What saying yes does, one line each, listed above the question (rollback's restores). */
      details?: string[];
    }
  | { kind: 'type-to-confirm'; id: string; message: string; expected: string; flag: string }
  | {
      kind: 'choose-waves';
      id: string;
      message: string;
      waves: WaveChoice[];
      /** Names of the waves selected unless the user changes it. */
      defaultAnswer: string[];
      flag: string;
      /**
       * The plan step's count, when holds made the waves offer fewer changes (or, with the
       * SCP attached per OU instead of at Root, a different number): said next to the waves'.
       */
      planned?: number;
      /** Why the waves differ from the plan: `held out: payments-dev (readiness); …`. */
      heldNote?: string;
    }
  | {
      /**
       * At-risk accounts the admin may let into the rollout anyway. Without a terminal the
       * default (hold them all) is taken: the override is `flag` (--allow-at-risk).
       */
      kind: 'choose-accounts';
      id: string;
      message: string;
      accounts: GatedAccount[];
      /** Ids of the accounts included unless the user changes it (none: held). */
      defaultAnswer: string[];
      flag: string;
    }
  | {
      /** The enforcement ring to roll out (1 defaults, 2 + SCP, 3 + HttpTokensEnforced). */
      kind: 'choose-stage';
      id: string;
      message: string;
      stages: { stage: 1 | 2 | 3; title: string }[];
      /** The recommended stage (never above the config's); taken without a terminal. */
      defaultAnswer: 1 | 2 | 3;
      /** Why the default is recommended (what readiness found), shown under the question. */
      reason?: string;
      flag: string;
    };

export type AnswerOf<Q extends Question> = Q extends { kind: 'confirm' }
  ? boolean
  : Q extends { kind: 'type-to-confirm' }
    ? boolean
    : Q extends { kind: 'choose-waves' }
      ? string[]
      : Q extends { kind: 'choose-accounts' }
        ? string[]
        : Q extends { kind: 'choose-stage' }
          ? 1 | 2 | 3
          : never;
