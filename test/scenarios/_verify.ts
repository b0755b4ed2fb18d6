/** The verification sweep, in-process (the same observe + desired state as plan). */
import { createAppContext } from '../../src/app/create-app-context.js';
import { createPlan } from '../../src/app/plan.js';
import { configSchema } from '../../src/config/schema.js';
import { buildVerifyReport } from '../../src/core/verify/compare.js';
import type { VerifyReport } from '../../src/core/verify/types.js';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { answeringHost } from '../_helpers/answering-host.js';
import { sandboxEnv } from '../_helpers/sandbox-cli.js';

export async function verifySandbox(sb: SandboxHandle): Promise<VerifyReport> {
  const ctx = createAppContext({
    globals: { interactive: false, color: false },
    io: { env: sandboxEnv(sb), signal: new AbortController().signal },
    loaded: { config: configSchema.parse({}), file: undefined },
    host: answeringHost(),
  });
  try {
    const { observation, desired } = await createPlan(ctx);
    return buildVerifyReport({
      observed: observation.observed,
      desired,
      meta: {
        toolVersion: 'test',
        generatedAt: new Date(0).toISOString(),
        scopeRegions: 'enabled',
      },
    });
  } finally {
    ctx.gateways.close?.();
  }
}
