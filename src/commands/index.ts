import type { Command } from 'commander';
import { registerApplyCommand } from './apply.js';
import { registerConfigCommand } from './config.js';
import type { CliContext } from './context.js';
import { registerDemoCommand } from './demo.js';
import { registerDiscoverCommand } from './discover.js';
import { registerEvidenceCommand } from './evidence.js';
import { registerGuidedRollout } from './guided-rollout.js';
import { registerPermissionsCommand } from './permissions.js';
import { registerPlanCommand } from './plan.js';
import { registerProveCommand } from './prove.js';
import { registerReadinessCommand } from './readiness.js';
import { registerRollbackCommand } from './rollback.js';
import { registerSandboxCommand } from './sandbox.js';
import { registerVerifyCommand } from './verify.js';

/** Every subcommand, in the order `--help` lists them (the order of a rollout). */
export function registerCommands(program: Command, ctx: CliContext): void {
  registerDiscoverCommand(program, ctx);
  registerPlanCommand(program, ctx);
  registerApplyCommand(program, ctx);
  registerVerifyCommand(program, ctx);
  registerProveCommand(program, ctx);
  registerEvidenceCommand(program, ctx);
  registerRollbackCommand(program, ctx);
  registerConfigCommand(program, ctx);
  registerPermissionsCommand(program, ctx);
  registerDemoCommand(program, ctx);
  registerReadinessCommand(program, ctx);
  registerSandboxCommand(program, ctx);
  registerGuidedRollout(program, ctx);
}
