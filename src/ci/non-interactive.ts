/** How hosts without a person at a terminal answer questions (Shopify `throwInNonTTY`). */
import { NonInteractiveError } from '../errors.js';
import type { AnswerOf, Question } from '../events/types.js';

/**
 * The default answer when taking it is safe (a `confirm` marked `safeDefault`), otherwise
 * NonInteractiveError naming the flag that answers the question up front.
 */
export function answerWithoutTerminal<Q extends Question>(question: Q): AnswerOf<Q> {
  if (question.kind === 'confirm' && question.safeDefault === true) {
    return question.defaultAnswer as AnswerOf<Q>;
  }
  // Holding at-risk accounts out is the safe side; the override is a flag, not a prompt.
  if (question.kind === 'choose-accounts') return question.defaultAnswer as AnswerOf<Q>;
  // The config's own stage: what a non-interactive run would do anyway.
  if (question.kind === 'choose-stage') return question.defaultAnswer as AnswerOf<Q>;
  throw new NonInteractiveError(quoted(question.message), question.flag);
}

function quoted(message: string): string {
  const trimmed = message.trim().replace(/[?:.]+$/, '');
  return `"${trimmed}"`;
}
