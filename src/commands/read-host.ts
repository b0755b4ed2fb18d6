/**
 * A line host for the read-only commands (discover, verify, readiness): step results and sweep progress
 * (done/total) on stderr, never on stdout. Nothing is ever asked: these commands change nothing.
 */
import { plural } from '../core/model/plural.js';
import { sanitizeOutput } from '../core/text/sanitize-text.js';
import { BugError } from '../errors.js';
import type { Host } from '../events/host.js';
import type { AnswerOf, GuardrailsEvent, Question } from '../events/types.js';

export interface ReadHostOptions {
  stderr: { write(chunk: string): unknown };
  /** No progress lines (e.g. --json callers that want a quiet stderr). */
  quiet?: boolean;
}

export class ReadHost implements Host {
  private lastSweepDecile = -1;
  /** The sweep before any step is the defaults read; inside `readiness` it reads workloads. */
  private step: string | undefined;

  constructor(private readonly options: ReadHostOptions) {}

  notify(event: GuardrailsEvent): void {
    const line = this.format(event);
    if (line !== undefined && !this.options.quiet) {
      this.options.stderr.write(`${sanitizeOutput(line)}\n`);
    }
  }

  async ask<Q extends Question>(question: Q): Promise<AnswerOf<Q>> {
    throw new BugError(`a read-only command asked a question: ${question.id}`);
  }

  private format(event: GuardrailsEvent): string | undefined {
    switch (event.type) {
      case 'step.started':
        this.lastSweepDecile = -1;
        this.step = event.step;
        return undefined;
      case 'step.finished':
        if (event.status === 'failed') return `✖ ${event.step} failed`;
        // The mark agrees with the exit code: findings exit 2, so they are never a ✔.
        if (event.findings)
          return `✗ ${event.step}: ${event.summary ?? plural(event.findings, 'finding')}`;
        return event.summary ? `✔ ${event.step}: ${event.summary}` : undefined;
      case 'sweep.progress': {
        // One line per 10%: readable in a CI log, and the final count always shows.
        const decile = event.total === 0 ? 10 : Math.floor((event.done / event.total) * 10);
        if (decile === this.lastSweepDecile) return undefined;
        this.lastSweepDecile = decile;
        const what =
          this.step === 'readiness'
            ? 'reading workloads'
            : this.step === 'prove'
              ? 'dry-run launches'
              : 'reading defaults';
        return `  ${what}: ${event.done}/${event.total} account × region targets`;
      }
      case 'log':
        return `${event.level === 'info' ? '' : `${event.level}: `}${event.message}${event.detail === undefined ? '' : `\n  ${event.detail}`}`;
      default:
        return undefined;
    }
  }
}
