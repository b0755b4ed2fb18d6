import type { Host } from '../../src/events/host.js';
import type { GuardrailsEvent, Question } from '../../src/events/types.js';

/** A Host that records every event and answers questions from a script (default: the default). */
export interface AnsweringHost extends Host {
  events: GuardrailsEvent[];
  questions: Question[];
  ofType<T extends GuardrailsEvent['type']>(type: T): Extract<GuardrailsEvent, { type: T }>[];
}

export function answeringHost(answers: Record<string, boolean> = {}): AnsweringHost {
  const events: GuardrailsEvent[] = [];
  const questions: Question[] = [];
  return {
    events,
    questions,
    notify: (event) => {
      events.push(event);
    },
    ask: async (question) => {
      questions.push(question);
      const answer = answers[question.id];
      return (answer ?? (question.kind === 'confirm' ? question.defaultAnswer : false)) as never;
    },
    ofType: (type) => events.filter((e) => e.type === type) as never,
  };
}

/** A Host that records events and answers each question with `answer` (it may look at the world first). */
export function scriptedHost(
  answer: (q: Question) => Promise<unknown> | unknown,
): Host & { events: GuardrailsEvent[] } {
  const events: GuardrailsEvent[] = [];
  return {
    events,
    notify: (e) => events.push(e),
    ask: async (q) => (await answer(q)) as never,
  };
}
