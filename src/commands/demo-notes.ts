/**
 * What the demo prints when it ends. Its sandbox lives in the demo's process and stops with it,
 * so a resume or a rollback needs a sandbox that stays up (`guardrails sandbox`): the notes say
 * so and give commands that work from where the demo ran, on lines of at most 80 columns with
 * `\` continuations (a terminal's own wrapping would cut a path in two).
 */
import { shellQuote } from '../app/run-plan.js';
import { wrapCommand } from '../core/text/wrap-command.js';

const NOTE_WIDTH = 80;

/** The steps that give a sandbox which stays up, in the shell that runs the next command. */
function standingSandbox(node: string): string[] {
  return [
    `  1. in another terminal: ${node} sandbox`,
    '  2. here: paste the export lines it prints (endpoint, keys, region)',
  ];
}

/** The demo's sandbox ends with the demo: a resume needs one that stays up. */
export function demoResumeNote(command: string, node: string): string {
  return [
    'Resume with:',
    wrapCommand(command, NOTE_WIDTH),
    "The demo's sandbox stopped with the demo; the resume needs one that stays up:",
    ...standingSandbox(node),
    '  3. run the resume command above',
    "The new sandbox starts from the demo's seeded organization, without this",
    "run's changes: the resume re-plans those targets and reports them.",
  ].join('\n');
}

/** The placeholder for the journal the rollout prints (a file name, never shell syntax). */
export const JOURNAL_PLACEHOLDER = 'guardrails-reports/journal-….jsonl';

/**
 * After a finished demo: how to try `rollback`. The demo's journal describes a sandbox that is
 * gone, so the note rolls out against a standing sandbox first, then rolls that journal back.
 */
export function demoRollbackNote(node: string, configFile: string | undefined): string {
  const config = configFile ? ` --config ${shellQuote(configFile)}` : '';
  return [
    "Try a rollback: the demo's sandbox stopped with the demo, so roll out against",
    'one that stays up, then undo it:',
    ...standingSandbox(node),
    '  3. roll out as in the demo (the Report step prints the journal):',
    wrapCommand(`${node}${config}`, NOTE_WIDTH, '     '),
    '  4. undo it, with that journal:',
    wrapCommand(`${node} rollback --journal ${JOURNAL_PLACEHOLDER}`, NOTE_WIDTH, '     '),
  ].join('\n');
}
