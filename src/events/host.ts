import type { AnswerOf, GuardrailsEvent, Question } from './types.js';

/** What the core talks to. The ink UI, the listr2 CI renderer, NDJSON and test recorders implement it. */
export interface Host {
  notify(event: GuardrailsEvent): void;
  ask<Q extends Question>(question: Q): Promise<AnswerOf<Q>>;
}
