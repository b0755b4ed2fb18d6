/**
 * The one place that decides how the tool talks to the terminal (wrangler's two predicates).
 * Everything else asks the TerminalMode it is handed; nothing else reads isTTY, CI or NO_COLOR.
 */
export interface TerminalInputs {
  env: Record<string, string | undefined>;
  stdinIsTTY: boolean;
  stderrIsTTY: boolean;
  flags: { json?: boolean; interactive?: boolean; color?: boolean };
}

export interface TerminalMode {
  /** A person is at a terminal: the ink UI may render and prompts may be shown. */
  interactive: boolean;
  /** CI is set or there is no terminal: never prompt; a needed confirmation names its flag. */
  nonInteractiveOrCI: boolean;
  /** NDJSON events on stdout. */
  json: boolean;
  color: boolean;
}

export function isCI(env: Record<string, string | undefined>): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

export function detectTerminalMode(inputs: TerminalInputs): TerminalMode {
  const { env, flags } = inputs;
  const json = flags.json === true;
  const ttyCapable = inputs.stdinIsTTY && inputs.stderrIsTTY && env.TERM !== 'dumb';
  const interactive = ttyCapable && !isCI(env) && !json && flags.interactive !== false;
  const noColorEnv = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const color =
    flags.color !== false &&
    !noColorEnv &&
    (env.FORCE_COLOR ? env.FORCE_COLOR !== '0' : inputs.stderrIsTTY);
  return { interactive, nonInteractiveOrCI: !interactive, json, color };
}
