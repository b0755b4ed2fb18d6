/**
 * The single registry of what the core tells hosts (events) and asks them (questions).
 * Event types are dotted strings. Hosts render them; the core never prints.
 */
import type { CallerIdentity } from '../core/model/types.js';

export type StepName =
  | 'preflight'
  | 'discover'
  | 'readiness'
  | 'plan'
  | 'confirm'
  | 'apply'
  | 'verify'
  | 'report';

export type GuardrailsEvent =
  | { type: 'step.started'; step: StepName; title: string }
  | { type: 'step.finished'; step: StepName; status: 'ok' | 'failed' | 'skipped'; summary?: string }
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
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'heartbeat'; message: string };

export type EventType = GuardrailsEvent['type'];

export type Question =
  | { kind: 'confirm'; id: string; message: string; defaultAnswer: boolean; flag: string }
  | { kind: 'type-to-confirm'; id: string; message: string; expected: string; flag: string };

export type AnswerOf<Q extends Question> = Q extends { kind: 'confirm' }
  ? boolean
  : Q extends { kind: 'type-to-confirm' }
    ? boolean
    : never;
