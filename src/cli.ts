import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import {
  type CliContext,
  type CliIo,
  createContext,
  type OutputStream,
} from './commands/context.js';
import { registerCommands } from './commands/index.js';
import { renderError } from './commands/render-error.js';
import { validateConnection } from './commands/validate-globals.js';
import { sanitizeOutput } from './core/text/sanitize-text.js';
import { ExitCode } from './errors.js';
import { VERSION } from './version.js';

function parseList(value: string, previous: string[] | undefined): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return [...(previous ?? []), ...items];
}

/**
 * Scope flags narrow the run; an empty value (`--accounts ''`, `--regions ' , '`, typically an
 * unset CI variable) must not quietly mean "everything".
 */
function parseScopeList(value: string, previous: string[] | undefined): string[] {
  const items = parseList(value, undefined);
  if (items.length === 0) {
    throw new InvalidArgumentError(
      'It names nothing: give at least one, or drop the flag to use the configured scope.',
    );
  }
  return [...(previous ?? []), ...items];
}

/** Same range as `rollout.concurrency`; decimal digits only (Number() would take 1e3, 0x10, ' 8'). */
const MAX_CONCURRENCY = 512;
function parseConcurrency(value: string): number {
  const parsed = /^[0-9]{1,4}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > MAX_CONCURRENCY) {
    throw new InvalidArgumentError(`must be a whole number from 1 to ${MAX_CONCURRENCY}.`);
  }
  return parsed;
}

/**
 * Everything on stdout (tables, plans, trees, JSON, NDJSON) passes through sanitizeOutput: the
 * renderers already sanitise what they draw, this is the backstop for any text that reaches stdout
 * another way. Only the tool's palette of colour codes survives; JSON keeps its meaning.
 */
function sanitizingStream(stream: OutputStream): OutputStream {
  const write = (chunk: string) => stream.write(sanitizeOutput(chunk, { keepColors: true }));
  return Object.create(stream, { write: { value: write } }) as OutputStream;
}

function parseStage(value: string): 1 | 2 | 3 {
  if (value === '1' || value === '2' || value === '3') return Number(value) as 1 | 2 | 3;
  throw new InvalidArgumentError(
    'must be 1 (account defaults), 2 (+ the SCP) or 3 (+ HttpTokensEnforced).',
  );
}

/**
 * Commands that never call AWS (or only their own sandbox, like the demo): a stale AWS_REGION /
 * AWS_ENDPOINT_URL in the environment must not stop them.
 */
const OFFLINE_COMMANDS = new Set(['sandbox', 'config', 'demo']);

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('guardrails');
  program
    .description(
      'Enforce IMDSv2 across an AWS Organization: deploy the DenyIMDSv1 SCP, set the EC2 account-level ' +
        'instance metadata defaults in every account and region, and prove it with a verification sweep.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .addOption(
      new Option(
        '-c, --config <path>',
        'config file (default: guardrails.config.{ts,mts,js,mjs,json} in the working directory)',
      ),
    )
    .addOption(
      new Option(
        '--profile <name>',
        'AWS shared-config profile for the management-account credentials',
      ),
    )
    .addOption(
      new Option(
        '--region <region>',
        'AWS region for the API clients (default: from env or profile, else us-east-1)',
      ),
    )
    .addOption(
      new Option(
        '--endpoint-url <url>',
        'send every AWS call to this endpoint (e.g. the sandbox); AWS_ENDPOINT_URL works too',
      ),
    )
    .addOption(
      new Option(
        '--accounts <ids>',
        'only these account ids (comma-separated, repeatable)',
      ).argParser(parseScopeList),
    )
    .addOption(
      new Option(
        '--ous <ous>',
        'only accounts under these OUs, by id or path like Root/Workloads (comma-separated)',
      ).argParser(parseScopeList),
    )
    .addOption(
      new Option('--regions <regions>', 'only these regions (comma-separated)').argParser(
        parseScopeList,
      ),
    )
    .addOption(
      new Option(
        '--concurrency <n>',
        'parallel AWS calls (overrides rollout.concurrency)',
      ).argParser(parseConcurrency),
    )
    .addOption(
      new Option(
        '--stage <ring>',
        'enforcement ring: 1 account defaults, 2 + the SCP, 3 + HttpTokensEnforced (overrides rollout.stage)',
      ).argParser(parseStage),
    )
    .addOption(
      new Option(
        '--allow-at-risk <accountIds>',
        'let these at-risk accounts (IMDSv1 calls seen by readiness) into the rollout anyway (comma-separated; adds to readiness.allowAtRisk)',
      ).argParser(parseList),
    )
    .addOption(
      new Option(
        '--include-org-changes',
        'with --accounts/--ous or a narrowed scope: also plan organization-level changes (SCP attachments, policy updates) that reach accounts outside it',
      ),
    )
    .addOption(
      new Option(
        '--allow-relaxing',
        'apply changes that loosen a protection (hop limit up, tokens optional, a statement removed, a detach …) without a terminal to approve them; --yes alone refuses them',
      ),
    )
    .addOption(new Option('--json', 'machine output: JSON results / NDJSON events on stdout'))
    .addOption(
      new Option('--no-interactive', 'never prompt or draw the interactive UI, even in a terminal'),
    )
    .addOption(
      new Option(
        '-y, --yes',
        'answer yes to confirmations (required to change anything without a terminal)',
      ),
    )
    .addOption(new Option('--debug', 'show stack traces and AWS request details on errors'))
    .addOption(new Option('--no-color', 'disable colours (NO_COLOR is honoured too)'))
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(sanitizeOutput(text)),
      outputError: (text, write) => write(text),
    });
  registerCommands(program, ctx);
  // Before any AWS call: a bad --region / --endpoint-url is a usage error, not a network one.
  program.hook('preAction', (_program, action) => {
    if (OFFLINE_COMMANDS.has(action.name())) return;
    validateConnection(action.optsWithGlobals(), ctx.io.env);
  });
  for (const command of program.commands) {
    command.exitOverride().showSuggestionAfterError(true);
  }
  program.addHelpText(
    'after',
    '\nExit codes: 0 success / compliant / no changes, 1 error, 2 findings or changes pending,\n' +
      '3 partial apply (resume with --resume), 130 aborted.\n' +
      'Docs: README.md and docs/ in the package.',
  );
  return program;
}

/** Runs one CLI invocation in-process and returns its exit code (main.ts is the only process.exit). */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const io: CliIo = { ...rawIo, stdout: sanitizingStream(rawIo.stdout) };
  const ctx = createContext(io);
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version' ||
        err.code === 'commander.help'
      ) {
        return ExitCode.ok;
      }
      return ExitCode.error;
    }
    const debug = argv.includes('--debug');
    io.stderr.write(renderError(err, { debug }));
    return (err as { exitCode?: number }).exitCode ?? ExitCode.error;
  }
}
