import type { Command } from 'commander';
import { registerConfigCommand } from './config.js';
import type { CliContext } from './context.js';
import { registerDemoCommand } from './demo.js';
import { registerSandboxCommand } from './sandbox.js';

/** Every subcommand, in the order `--help` lists them. */
export function registerCommands(program: Command, ctx: CliContext): void {
  registerConfigCommand(program, ctx);
  registerDemoCommand(program, ctx);
  registerSandboxCommand(program, ctx);
}
