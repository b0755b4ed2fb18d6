import type { Command } from 'commander';
import { registerApplyCommand } from './apply.js';
import { registerConfigCommand } from './config.js';
import type { CliContext } from './context.js';
import { registerDemoCommand } from './demo.js';
import { registerPlanCommand } from './plan.js';
import { registerRollbackCommand } from './rollback.js';
import { registerSandboxCommand } from './sandbox.js';

/** Every subcommand, in the order `--help` lists them. */
export function registerCommands(program: Command, ctx: CliContext): void {
  registerPlanCommand(program, ctx);
  registerApplyCommand(program, ctx);
  registerRollbackCommand(program, ctx);
  registerConfigCommand(program, ctx);
  registerDemoCommand(program, ctx);
  registerSandboxCommand(program, ctx);
}
