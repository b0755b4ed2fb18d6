/**
 * The UI's single source of state: host events and questions go in, React reads a version
 * number (useSyncExternalStore) and the mutable state. Notifications are throttled so a burst of
 * events costs one render.
 */
import type { GuardrailsEvent, Question, StepName } from '../events/types.js';
import { initialState, type RolloutState, reduce } from './state.js';

export interface StoreOptions {
  now?: () => number;
  /** 0 = notify synchronously (tests). */
  flushMs?: number;
  /** The steps listed from the start (default: the guided rollout's checklist). */
  checklist?: { step: StepName; title: string }[];
}

export class RolloutStore {
  readonly state: RolloutState;
  readonly now: () => number;
  #version = 0;
  #listeners = new Set<() => void>();
  #flushMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: StoreOptions = {}) {
    this.state = initialState(options.checklist);
    this.now = options.now ?? Date.now;
    this.#flushMs = options.flushMs ?? 50;
  }

  dispatch(event: GuardrailsEvent): void {
    reduce(this.state, event, this.now());
    this.#changed();
  }

  /** Shows a question; resolves with the answer given in the UI. */
  ask(question: Question): Promise<boolean | string[] | 1 | 2 | 3> {
    return new Promise((resolve) => {
      this.state.question = {
        question,
        resolve: (answer) => {
          this.state.question = undefined;
          this.#changed(true);
          resolve(answer);
        },
      };
      this.#changed(true);
    });
  }

  setInterrupting(): void {
    this.state.interrupting = true;
    this.#changed(true);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getVersion = (): number => this.#version;

  /** Renders whatever is pending now (before unmounting). */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#version += 1;
    for (const listener of this.#listeners) listener();
  }

  #changed(urgent = false): void {
    if (urgent || this.#flushMs === 0) {
      this.flush();
      return;
    }
    this.#timer ??= setTimeout(() => this.flush(), this.#flushMs);
  }
}
