// Process entry: the only place that touches process.* and calls process.exit.
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

// A sweep allocates fast but keeps little alive (≈ 60 MB at 1,000 × 17): V8's default heap
// growth lets garbage pile up to 4× the live heap before a full GC, which made peak RSS track
// the allocation rate. Growing by at most 2× keeps peak memory near the live set for a little
// more GC time. Takes effect at run time (a soft factor, never an out-of-memory limit).
setFlagsFromString('--heap-growing-percent=100');
capYoungGeneration();
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { runCli } = await import('./cli.js');

// `guardrails verify --format json | head` closes stdout early: that is the reader's choice, not
// a crash, so stop quietly instead of printing an unhandled EPIPE stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const controller = new AbortController();
let interrupts = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    controller.abort(new Error(`received ${signal}`));
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
process.exitCode = code;
// Let stdout drain, then leave even if a keep-alive socket lingers.
setImmediate(() => process.exit(code));

/**
 * The young generation grows to 32 MB by default, and at 10,000 × 17 every MB of it is RSS the
 * run keeps (~50 MB at 2,000 × 17 already). Its size can only be capped at startup
 * (`--max-semi-space-size`), which a CLI run as `node dist/main.js` or through npm cannot pass;
 * its growth factor can be changed at run time. So it grows as usual to 8 MB, then stops
 * growing: most of the memory back, for a few more scavenges (the smallest 2 MB cost ~20% CPU).
 */
function capYoungGeneration(): void {
  const CAP_BYTES = 8 * 1024 * 1024;
  const timer = setInterval(() => {
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    if (!young || young.space_size < CAP_BYTES) return;
    setFlagsFromString('--semi-space-growth-factor=1');
    clearInterval(timer);
  }, 100);
  timer.unref();
}
