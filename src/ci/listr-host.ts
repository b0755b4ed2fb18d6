/**
 * The non-interactive host (no TTY, or CI set): each step is one listr2 task with the `simple`
 * renderer, resolved by the core's `step.finished` event (the core stays the source of truth;
 * listr2 only draws). Sub-progress is task output, throttled; failures print as they happen; a
 * heartbeat line appears after 30 s of silence. Output goes to stderr. Never mixed with ink.
 */
import { stripVTControlCharacters } from 'node:util';
import { Listr, ListrLogger, ProcessOutput } from 'listr2';
import { plural } from '../core/model/plural.js';
import { sanitizeOutput } from '../core/text/sanitize-text.js';
import { GuardrailsError } from '../errors.js';
import {
  describeDiscovery,
  describeGate,
  describeIdentity,
  describeLaunchPreview,
  describePlanSummary,
  describeRevisedPlan,
  describeRun,
  describeVerifyCounts,
  formatDuration,
} from '../events/describe.js';
import { failureHint, failureKind } from '../events/failure-hints.js';
import type { Host } from '../events/host.js';
import type { AnswerOf, GuardrailsEvent, Question, StepName } from '../events/types.js';
import type { LineSink } from './json-host.js';
import { answerWithoutTerminal } from './non-interactive.js';

export interface ListrHostOptions {
  color?: boolean;
  now?: () => Date;
  /** Silence after which a "still running" line is printed. */
  heartbeatMs?: number;
  /** Minimum time between two progress lines of the same kind. */
  progressEveryMs?: number;
}

interface StepTask {
  step: StepName;
  title: string;
  startedAt: number;
  /** Lines set before listr2 started the task; flushed when it starts. */
  buffered: string[];
  output: ((line: string) => void) | undefined;
  finish: (result: { status: 'ok' | 'failed' | 'skipped'; summary?: string }) => void;
  /** Per kind of progress (discover, sweep, apply): the last line, when printed, and whether unprinted. */
  progress: Map<string, { text: string; printedAt: number; pending: boolean }>;
  lastProgress: string | undefined;
}

export class ListrHost implements Host {
  readonly #logger: ListrLogger;
  readonly #now: () => Date;
  readonly #heartbeatMs: number;
  readonly #progressEveryMs: number;
  readonly #write: (line: string) => void;
  #chain: Promise<void> = Promise.resolve();
  #current: StepTask | undefined;
  #lastOutputAt: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #apply = { done: 0, failed: 0, retries: 0, total: 0, wave: '' };
  #labels = new Map<string, string>();
  /** Failure kinds already given their hint: one hint per kind, however many changes it hit. */
  #hinted = new Set<string>();

  constructor(out: LineSink, options: ListrHostOptions = {}) {
    const color = options.color ?? false;
    const sink = {
      // Step titles and messages carry names from the organization: shown, never obeyed.
      write: (chunk: string) =>
        out.write(
          color
            ? sanitizeOutput(chunk, { keepColors: true })
            : sanitizeOutput(stripVTControlCharacters(chunk)),
        ),
    } as unknown as NodeJS.WriteStream;
    this.#write = (line) => sink.write(`${line}\n`);
    this.#logger = new ListrLogger({
      processOutput: new ProcessOutput(sink, sink),
      useIcons: true,
    });
    this.#now = options.now ?? (() => new Date());
    this.#heartbeatMs = options.heartbeatMs ?? 30_000;
    this.#progressEveryMs = options.progressEveryMs ?? 5_000;
    this.#lastOutputAt = this.#now().getTime();
  }

  notify(event: GuardrailsEvent): void {
    if (event.type === 'step.started') {
      this.#startStep(event.step, event.title);
      return;
    }
    if (event.type === 'step.finished') {
      this.#finishStep(event.status, event.summary);
      return;
    }
    const out = this.#textOf(event);
    if (out.progress) this.#progress(event.type.split('.')[0] ?? event.type, out.progress);
    if (out.lines?.length)
      this.#flushProgress(event.type === 'wave.finished' ? 'change' : undefined);
    for (const line of out.lines ?? []) this.#line(line);
  }

  /** What an event prints: lines right away, or a throttled progress line. */
  #textOf(event: GuardrailsEvent): { lines?: string[]; progress?: string } {
    switch (event.type) {
      case 'preflight.identity':
        return { lines: [describeIdentity(event)] };
      case 'discover.progress':
        return { progress: describeDiscovery(event) };
      case 'sweep.progress':
        return { progress: `read ${event.done}/${event.total} account × region targets` };
      case 'plan.ready':
        return { lines: [describePlanSummary(event.summary)] };
      case 'plan.revised':
        return { lines: [describeRevisedPlan(event)] };
      case 'wave.started':
        this.#apply = { done: 0, failed: 0, retries: 0, total: event.changes, wave: event.wave };
        return {
          lines: [
            `wave ${event.index + 1}/${event.total} ${event.wave}: ${plural(event.changes, 'change')}`,
          ],
        };
      case 'change.started':
        this.#labels.set(event.changeId, event.label);
        return {};
      case 'change.retrying':
        this.#apply.retries += 1;
        return {};
      case 'change.succeeded':
      case 'change.skipped':
        // Only changes in flight keep their label: 100,000 finished ones would stay in memory.
        this.#labels.delete(event.changeId);
        this.#apply.done += 1;
        return { progress: this.#applyProgress() };
      case 'change.failed': {
        this.#apply.done += 1;
        this.#apply.failed += 1;
        const label = this.#labels.get(event.changeId) ?? event.changeId;
        this.#labels.delete(event.changeId);
        return {
          lines: [`✖ ${label}: ${event.code}: ${event.message}`, ...this.#hintOnce(event.code)],
        };
      }
      case 'wave.finished':
        return {
          lines: [
            `wave ${event.wave} done: ${event.succeeded} succeeded · ${event.failed} failed · ${event.skipped} skipped`,
          ],
        };
      case 'run.finished': {
        const lines = [describeRun(event)];
        if (event.journal) lines.push(`journal: ${event.journal}`);
        if (event.resumeCommand) lines.push(`resume with: ${event.resumeCommand}`);
        return { lines };
      }
      case 'verify.finished':
        return { lines: [describeVerifyCounts(event.counts)] };
      case 'readiness.gated':
        return { lines: describeGate(event) };
      case 'launches.previewed':
        return { lines: describeLaunchPreview(event) };
      case 'report.written':
        return { lines: [`${event.format} report: ${event.path}`] };
      case 'log':
        return {
          lines: [
            event.level === 'info' ? event.message : `${event.level}: ${event.message}`,
            ...(event.detail === undefined ? [] : [`  ${event.detail}`]),
          ],
        };
      case 'heartbeat':
        return { lines: [event.message] };
      default:
        return {};
    }
  }

  async ask<Q extends Question>(question: Q): Promise<AnswerOf<Q>> {
    const answer = answerWithoutTerminal(question);
    this.#line(`${question.message} → ${String(answer)} (default; no terminal)`);
    return answer;
  }

  /** Waits until every step's output is written; stops the heartbeat. */
  async close(): Promise<void> {
    if (this.#current) this.#finishStep('failed', 'interrupted');
    this.#stopHeartbeat();
    await this.#chain;
  }

  #hintOnce(code: string): string[] {
    const kind = failureKind(code);
    if (kind === undefined || this.#hinted.has(kind)) return [];
    this.#hinted.add(kind);
    return [`  hint: ${failureHint(code)}`];
  }

  #applyProgress(): string {
    const a = this.#apply;
    const parts = [`wave ${a.wave}: ${a.done}/${a.total} changes`, `${a.failed} failed`];
    if (a.retries) parts.push(`${a.retries} retries`);
    return parts.join(' · ');
  }

  #startStep(step: StepName, title: string): void {
    if (this.#current) this.#finishStep('ok');
    let finish!: StepTask['finish'];
    const done = new Promise<{ status: 'ok' | 'failed' | 'skipped'; summary?: string }>(
      (resolve) => {
        finish = resolve;
      },
    );
    const task: StepTask = {
      step,
      title,
      startedAt: this.#now().getTime(),
      buffered: [],
      output: undefined,
      finish,
      progress: new Map(),
      lastProgress: undefined,
    };
    this.#current = task;
    this.#startHeartbeat();
    const list = new Listr(
      [
        {
          title,
          task: async (_ctx, wrapper) => {
            task.output = (line) => {
              wrapper.output = line;
            };
            for (const line of task.buffered.splice(0)) task.output(line);
            const result = await done;
            if (result.status === 'failed') throw new StepFailed(result.summary ?? 'see below');
            if (result.summary) wrapper.title = `${title}: ${result.summary}`;
            if (result.status === 'skipped') wrapper.skip(wrapper.title);
          },
        },
      ],
      {
        renderer: 'simple',
        rendererOptions: { logger: this.#logger },
        registerSignalListeners: false,
        exitOnError: true,
      },
    );
    this.#chain = this.#chain.then(() =>
      list.run().then(
        () => undefined,
        () => undefined,
      ),
    );
  }

  #finishStep(status: 'ok' | 'failed' | 'skipped', summary?: string): void {
    const task = this.#current;
    if (!task) return;
    this.#flushProgress();
    this.#current = undefined;
    this.#stopHeartbeat();
    task.finish(summary === undefined ? { status } : { status, summary });
  }

  #line(text: string): void {
    const task = this.#current;
    this.#lastOutputAt = this.#now().getTime();
    if (!task) {
      this.#chain = this.#chain.then(() => this.#write(`› ${text}`));
      return;
    }
    this.#emit(task, text);
  }

  #emit(task: StepTask, text: string): void {
    this.#lastOutputAt = this.#now().getTime();
    if (task.output) task.output(text);
    else task.buffered.push(text);
  }

  /** Progress lines are throttled per kind: the first, then at most one per interval, and the last. */
  #progress(kind: string, text: string): void {
    const task = this.#current;
    if (!task) return;
    const now = this.#now().getTime();
    task.lastProgress = text;
    const last = task.progress.get(kind);
    if (!last || now - last.printedAt >= this.#progressEveryMs) {
      task.progress.set(kind, { text, printedAt: now, pending: false });
      this.#emit(task, text);
    } else {
      task.progress.set(kind, { ...last, text, pending: true });
    }
  }

  /** Prints progress lines not printed yet (before other lines, so the log stays in order). */
  #flushProgress(drop?: string): void {
    const task = this.#current;
    if (!task) return;
    for (const [kind, p] of task.progress) {
      if (!p.pending) continue;
      p.pending = false;
      if (kind !== drop) this.#emit(task, p.text);
    }
  }

  #startHeartbeat(): void {
    this.#stopHeartbeat();
    this.#lastOutputAt = this.#now().getTime();
    const tick = Math.min(this.#heartbeatMs, 5_000);
    this.#timer = setInterval(() => this.#beat(), tick);
    this.#timer.unref?.();
  }

  #beat(): void {
    const task = this.#current;
    if (!task) return;
    const now = this.#now().getTime();
    if (now - this.#lastOutputAt < this.#heartbeatMs) return;
    const elapsed = formatDuration(now - task.startedAt);
    const detail = task.lastProgress ? ` (${task.lastProgress})` : '';
    this.#emit(task, `still running: ${task.title} for ${elapsed}${detail}`);
  }

  #stopHeartbeat(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** Marks the listr2 task failed; the real error is thrown by the use case and rendered by the CLI. */
class StepFailed extends GuardrailsError {
  constructor(message: string) {
    super('BUG', message);
  }
}
