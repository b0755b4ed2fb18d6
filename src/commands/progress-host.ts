/**
 * Step results and sweep progress (one line per 10%) on stderr for `readiness`; it never asks
 * anything (the command changes nothing).
 */
import { BugError } from '../errors.js';
import type { Host } from '../events/host.js';
import type { AnswerOf, GuardrailsEvent, Question } from '../events/types.js';

export class ProgressHost implements Host {
  private lastDecile = -1;
  /** The sweep before any step is the defaults read; inside `readiness` it reads workloads. */
  private step: string | undefined;

  constructor(private readonly options: { stderr: { write(chunk: string): unknown } }) {}

  notify(event: GuardrailsEvent): void {
    const line = this.format(event);
    if (line !== undefined) this.options.stderr.write(`${line}\n`);
  }

  async ask<Q extends Question>(question: Q): Promise<AnswerOf<Q>> {
    throw new BugError(`a read-only command asked a question: ${question.id}`);
  }

  private format(event: GuardrailsEvent): string | undefined {
    switch (event.type) {
      case 'step.started':
        this.lastDecile = -1;
        this.step = event.step;
        return undefined;
      case 'step.finished':
        if (event.status === 'failed') return `✖ ${event.step} failed`;
        return event.summary ? `✔ ${event.step}: ${event.summary}` : undefined;
      case 'sweep.progress': {
        const decile = event.total === 0 ? 10 : Math.floor((event.done / event.total) * 10);
        if (decile === this.lastDecile) return undefined;
        this.lastDecile = decile;
        const what = this.step === 'readiness' ? 'reading workloads' : 'reading defaults';
        return `  ${what}: ${event.done}/${event.total} account × region targets`;
      }
      case 'log':
        return `${event.level === 'info' ? '' : `${event.level}: `}${event.message}`;
      default:
        return undefined;
    }
  }
}
