import { type Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../errors.js';
import { ADMIN_TOKEN_ENV } from '../sandbox/admin/access.js';
import type { SandboxHandle, SandboxOptions } from '../sandbox/index.js';
import {
  SCENARIOS,
  type ScenarioName,
  THROTTLING_MODES,
  type ThrottlingMode,
} from '../sandbox/options.js';
import type { CliContext } from './context.js';

export const DEFAULT_SANDBOX_PORT = 4599;

function number(min: number, max: number, integer: boolean) {
  return (value: string): number => {
    const parsed = Number(value);
    if (
      !Number.isFinite(parsed) ||
      parsed < min ||
      parsed > max ||
      (integer && !Number.isInteger(parsed))
    ) {
      throw new InvalidArgumentError(
        `must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}.`,
      );
    }
    return parsed;
  };
}

/** `--accounts N` / `--regions N` share their names with the global scope filters, so they arrive as lists. */
function countFromGlobal(
  values: string[] | undefined,
  flag: string,
  max: number,
): number | undefined {
  if (values === undefined) return undefined;
  const parsed = values.length === 1 ? Number(values[0]) : Number.NaN;
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) {
    throw new UsageError(
      `${flag} for the sandbox must be one whole number from 1 to ${max}, got "${values.join(',')}".`,
    );
  }
  return parsed;
}

interface SandboxFlags {
  port: number;
  host: string;
  adminToken?: string;
  scenario: ScenarioName;
  latencyMs?: number;
  jitterMs?: number;
  throttleRate?: number;
  failRate?: number;
  throttling?: ThrottlingMode;
  pageSize?: number;
  credentialTtl?: number;
  seed?: number;
  refusedLaunchShare?: number;
  deniedAccounts?: string;
}

/** The token from --admin-token or the environment (never printed). */
function adminToken(
  flags: SandboxFlags,
  env: Record<string, string | undefined>,
): { adminToken?: string } {
  const token = flags.adminToken ?? env[ADMIN_TOKEN_ENV];
  if (token === undefined || token === '') return {};
  if (token.length < 16) {
    throw new UsageError('The sandbox admin token must be at least 16 characters.', {
      hint: 'Generate one, e.g. `openssl rand -hex 16`.',
    });
  }
  return { adminToken: token };
}

/** The address really bound (0.0.0.0 = every interface) and the URL to use locally. */
function listeningOn(sb: SandboxHandle): string {
  const bound = sb.boundAddress.includes(':') ? `[${sb.boundAddress}]` : sb.boundAddress;
  const local = `http://${bound}:${sb.port}` === sb.url ? '' : ` (locally ${sb.url})`;
  return `${bound}:${sb.port}${local}`;
}

export function envLines(sb: SandboxHandle): string {
  return `${Object.entries(sb.env)
    .map(([name, value]) => `export ${name}=${value}`)
    .join('\n')}\n`;
}

export function registerSandboxCommand(program: Command, ctx: CliContext): void {
  program
    .command('sandbox')
    .description(
      'Start the local AWS endpoint (Organizations, STS, EC2) with a sample organization and print the ' +
        'env lines that point the AWS SDK and CLI at it. Runs until Ctrl-C.',
    )
    .addOption(
      new Option('--port <n>', 'port to listen on (0 = any free port)')
        .default(DEFAULT_SANDBOX_PORT)
        .argParser(number(0, 65535, true)),
    )
    .addOption(
      new Option(
        '--host <host>',
        'address to listen on; the admin API can rewrite every account, so keep it local',
      ).default('127.0.0.1'),
    )
    .addOption(
      new Option(
        '--admin-token <token>',
        `require this bearer token on the admin API (needed for a non-loopback --host; ${ADMIN_TOKEN_ENV} works too and keeps it out of ps)`,
      ),
    )
    .addOption(
      new Option('--scenario <name>', 'organization to start with')
        .choices(SCENARIOS)
        .default('demo'),
    )
    .addOption(
      new Option('--latency-ms <ms>', 'latency added to every AWS call').argParser(
        number(0, 60_000, false),
      ),
    )
    .addOption(
      new Option('--jitter-ms <ms>', 'extra random latency, uniform in [0, ms)').argParser(
        number(0, 60_000, false),
      ),
    )
    .addOption(
      new Option('--throttle-rate <p>', 'probability (0..1) that a call is throttled').argParser(
        number(0, 1, false),
      ),
    )
    .addOption(
      new Option(
        '--fail-rate <p>',
        'probability (0..1) that a call fails with a retryable 5xx',
      ).argParser(number(0, 1, false)),
    )
    .addOption(
      new Option(
        '--throttling <mode>',
        'token buckets per account × region × API: aws rates, lenient (5×) or off',
      ).choices(THROTTLING_MODES),
    )
    .addOption(
      new Option('--denied-accounts <ids>', 'comma-separated accounts whose AssumeRole is refused'),
    )
    .addOption(
      new Option(
        '--credential-ttl <seconds>',
        'cap the lifetime of AssumeRole credentials',
      ).argParser(number(1, 43_200, true)),
    )
    .addOption(
      new Option(
        '--page-size <n>',
        'items per page of every List operation (default 5, large: 20)',
      ).argParser(number(1, 20, true)),
    )
    .addOption(
      new Option(
        '--refused-launch-share <p>',
        'large: share (0..1) of accounts with a launch the SCP would refuse (default 0.05)',
      ).argParser(number(0, 1, false)),
    )
    .addOption(
      new Option('--seed <n>', 'seed for faults, jitter and the large scenario').argParser(
        number(0, 2 ** 32 - 1, true),
      ),
    )
    .addHelpText(
      'after',
      '\nWith --scenario large, the global --accounts N (default 100) and --regions N (1-17, default 17)\n' +
        'set the number of member accounts and enabled regions per account.\n\n' +
        'stdout gets the export lines to paste into another shell; status goes to stderr.\n' +
        'Admin API: <url>/_sandbox/ (see src/sandbox/SPEC.md).\n\n' +
        'Example:\n  guardrails sandbox --scenario demo --latency-ms 50 --throttle-rate 0.05\n',
    )
    .action(async (flags: SandboxFlags, command: Command) => {
      const globals = ctx.globals(command);
      const options: SandboxOptions = {
        scenario: flags.scenario,
        host: flags.host,
        port: flags.port,
        ...adminToken(flags, ctx.io.env),
        latencyMs: flags.latencyMs,
        jitterMs: flags.jitterMs,
        throttleRate: flags.throttleRate,
        failRate: flags.failRate,
        throttling: flags.throttling,
        pageSize: flags.pageSize,
        credentialTtlSeconds: flags.credentialTtl,
        seed: flags.seed,
        ...(flags.refusedLaunchShare !== undefined
          ? { refusedLaunchShare: flags.refusedLaunchShare }
          : {}),
        accounts: countFromGlobal(globals.accounts, '--accounts', 100_000),
        regions: countFromGlobal(globals.regions, '--regions', 17),
        deniedAccounts: flags.deniedAccounts
          ?.split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      };
      const { startSandbox } = await import('../sandbox/index.js');
      const { SandboxStartError } = await import('../sandbox/errors.js');
      const sb = await startSandbox(options).catch((err: unknown) => {
        if (err instanceof SandboxStartError) throw new UsageError(err.message, { hint: err.hint });
        if ((err as { code?: string }).code === 'EADDRINUSE') {
          throw new UsageError(`Port ${flags.port} on ${flags.host} is already in use.`, {
            hint: 'Pass --port <n> for another port, or --port 0 for any free one.',
          });
        }
        throw err;
      });
      const info = await sb.admin.info();
      ctx.io.stdout.write(envLines(sb));
      ctx.io.stderr.write(
        `guardrails sandbox: scenario ${flags.scenario} (${info.accounts} accounts, management ${sb.managementAccountId}) ` +
          `listening on ${listeningOn(sb)}\nAdmin API: ${sb.url}/_sandbox/${sb.loopbackOnly && !options.adminToken ? '' : ' (bearer token required)'}  ·  Ctrl-C to stop.\n`,
      );
      if (!sb.loopbackOnly) {
        ctx.io.stderr.write(
          `WARNING: listening on ${sb.boundAddress}: other machines can reach this sandbox. It accepts any AWS credentials; ` +
            'only its admin API is protected (by the token). Use it on networks you control.\n',
        );
      }
      await new Promise<void>((resolve) => {
        if (ctx.io.signal.aborted) resolve();
        else ctx.io.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      await sb.close();
      ctx.io.stderr.write('guardrails sandbox: stopped.\n');
    });
}
