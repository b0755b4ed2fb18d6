import type { Command } from 'commander';
import { registerConfigCommand } from './config.js';
import type { CliContext } from './context.js';
import { registerDemoCommand } from './demo.js';
import { registerDiscoverCommand } from './discover.js';
import { registerSandboxCommand } from './sandbox.js';
import { registerVerifyCommand } from './verify.js';

/** Every subcommand, in the order `--help` lists them. */
export function registerCommands(program: Command, ctx: CliContext): void {
  registerConfigCommand(program, ctx);
  registerDemoCommand(program, ctx);
  registerDiscoverCommand(program, ctx);
  registerVerifyCommand(program, ctx);
  registerSandboxCommand(program, ctx);
}
