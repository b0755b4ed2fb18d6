/**
 * `--json`: every event as one JSON object per line on stdout (NDJSON, schema in
 * ndjson-schema.ts). Nothing is ever prompted: a question takes its default when that is safe,
 * otherwise it fails with NonInteractiveError naming the flag to pass.
 */
import type { Host } from '../events/host.js';
import type { AnswerOf, GuardrailsEvent, Question } from '../events/types.js';
import { NDJSON_SCHEMA_VERSION } from './ndjson-schema.js';
import { answerWithoutTerminal } from './non-interactive.js';

export interface LineSink {
  write(chunk: string): unknown;
}

export class JsonHost implements Host {
  readonly #out: LineSink;
  readonly #now: () => Date;

  constructor(out: LineSink, options: { now?: () => Date } = {}) {
    this.#out = out;
    this.#now = options.now ?? (() => new Date());
  }

  notify(event: GuardrailsEvent): void {
    this.#out.write(`${JSON.stringify(toLine(event, this.#now()))}\n`);
  }

  /** Nothing buffered: every line is written as it happens. */
  async close(): Promise<void> {}

  async ask<Q extends Question>(question: Q): Promise<AnswerOf<Q>> {
    const answer = answerWithoutTerminal(question);
    this.notify({
      type: 'log',
      level: 'info',
      message: `${question.message} → ${JSON.stringify(answer)} (default, no terminal)`,
    });
    return answer;
  }
}

/** The NDJSON line of one event: envelope first, then the event (the plan's detail is left out). */
export function toLine(event: GuardrailsEvent, at: Date): Record<string, unknown> {
  const line: Record<string, unknown> = { v: NDJSON_SCHEMA_VERSION, ts: at.toISOString() };
  for (const [key, value] of Object.entries(event)) {
    const detail = event.type === 'plan.ready' || event.type === 'plan.revised';
    if (detail && (key === 'plan' || key === 'targets')) continue;
    line[key] = value;
  }
  return line;
}
