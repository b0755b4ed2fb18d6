/**
 * A bounded work graph (after aws-cdk-cli work-graph.ts): a node starts when every dependency
 * succeeded, at most `global` nodes run at once, and each lane (one account, or the serial
 * Organizations lane) has its own cap. A node whose dependency did not succeed is skipped.
 * Lanes take turns (round robin), so one account with 20 regions does not starve the others.
 * When `shouldStart()` turns false (abort, fatal journal error) nothing new starts; running
 * nodes finish and the rest are reported as not started.
 *
 * The caps bound API calls in flight, not changes in progress: a node that only waits (a read-back
 * giving an eventually consistent API time) hands its slot back with `slot.yieldWhile` and gets
 * one again, before any new node starts, when the wait is over. Holding slots through those waits
 * made them the bottleneck (64 slots × ~350 ms of read-back waits per defaults write).
 */
export type NodeOutcome = 'succeeded' | 'failed' | 'skipped' | 'not-started';

export interface WorkNode {
  id: string;
  lane: string;
  dependsOn: readonly string[];
}

/** The node's place in the caps, which it may hand back while it only waits. */
export interface Slot {
  yieldWhile<T>(wait: () => Promise<T>): Promise<T>;
}

export interface ScheduleOptions<N extends WorkNode> {
  nodes: readonly N[];
  /** Outcomes of nodes outside this batch (earlier waves, journaled runs). Unknown ids = satisfied. */
  known: ReadonlyMap<string, NodeOutcome>;
  global: number;
  laneLimit: (lane: string) => number;
  run: (node: N, slot: Slot) => Promise<'succeeded' | 'failed'>;
  onSkip: (node: N, reason: string) => void;
  shouldStart: () => boolean;
}

export async function runGraph<N extends WorkNode>(
  options: ScheduleOptions<N>,
): Promise<Map<string, NodeOutcome>> {
  const { nodes, known } = options;
  const outcomes = new Map<string, NodeOutcome>();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const waiting = new Map<string, number>();
  const dependents = new Map<string, N[]>();
  const laneQueues = new Map<string, N[]>();
  const laneRunning = new Map<string, number>();
  const runnable = new Set<string>();
  /** Nodes holding a slot. */
  let running = 0;
  /** Nodes started and not finished: running, or waiting without their slot. */
  let active = 0;
  /** Nodes whose wait is over, in order, waiting for a slot (served before new nodes). */
  const resuming: { lane: string; take: () => void }[] = [];
  let settle: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    settle = resolve;
  });

  const laneHasRoom = (lane: string) =>
    (laneRunning.get(lane) ?? 0) < options.laneLimit(lane) &&
    (laneQueues.get(lane)?.length ?? 0) > 0;
  const refreshLane = (lane: string) => {
    runnable.delete(lane);
    if (laneHasRoom(lane)) runnable.add(lane);
  };
  const enqueue = (node: N) => {
    const queue = laneQueues.get(node.lane) ?? [];
    queue.push(node);
    laneQueues.set(node.lane, queue);
    if (!runnable.has(node.lane)) refreshLane(node.lane);
  };
  const resolveNode = (id: string, outcome: NodeOutcome) => {
    outcomes.set(id, outcome);
    for (const child of dependents.get(id) ?? []) {
      if (outcomes.has(child.id)) continue;
      if (outcome !== 'succeeded') {
        options.onSkip(
          child,
          `dependency ${id} ${outcome === 'failed' ? 'failed' : 'did not run'}`,
        );
        resolveNode(child.id, 'skipped');
        continue;
      }
      const left = (waiting.get(child.id) ?? 1) - 1;
      waiting.set(child.id, left);
      if (left === 0) enqueue(child);
    }
  };
  const checkDone = () => {
    if (active === 0 && (runnable.size === 0 || !options.shouldStart())) settle();
  };
  const hold = (lane: string) => {
    running += 1;
    laneRunning.set(lane, (laneRunning.get(lane) ?? 0) + 1);
    refreshLane(lane);
  };
  const release = (lane: string) => {
    running -= 1;
    laneRunning.set(lane, (laneRunning.get(lane) ?? 1) - 1);
    refreshLane(lane);
  };
  const laneFree = (lane: string) => (laneRunning.get(lane) ?? 0) < options.laneLimit(lane);
  const slotFor = (lane: string): Slot => ({
    async yieldWhile(wait) {
      release(lane);
      pump();
      try {
        return await wait();
      } finally {
        await new Promise<void>((take) => {
          resuming.push({ lane, take });
          pump();
        });
      }
    },
  });
  const resume = () => {
    // Even after shouldStart() turned false: a node already started must be able to finish.
    for (let i = 0; i < resuming.length && running < options.global; ) {
      const waiter = resuming[i];
      if (waiter && laneFree(waiter.lane)) {
        resuming.splice(i, 1);
        hold(waiter.lane);
        waiter.take();
      } else i += 1;
    }
  };
  const pump = () => {
    // Waiters first; a waiter left over is held by its own lane's cap, which new nodes of that
    // lane cannot take either (the lane is not runnable while it is full).
    resume();
    while (running < options.global && runnable.size > 0 && options.shouldStart()) {
      const lane = runnable.values().next().value as string;
      const node = laneQueues.get(lane)?.shift();
      if (!node) {
        runnable.delete(lane);
        continue;
      }
      active += 1;
      // hold() re-inserts the lane at the end of `runnable`: round robin across lanes.
      hold(lane);
      void options
        .run(node, slotFor(lane))
        .catch(() => 'failed' as const)
        .then((outcome) => {
          active -= 1;
          release(lane);
          resolveNode(node.id, outcome);
          pump();
          checkDone();
        });
    }
    checkDone();
  };

  for (const node of nodes) {
    let pending = 0;
    let blocked: string | undefined;
    for (const dep of node.dependsOn) {
      if (byId.has(dep)) {
        pending += 1;
        const list = dependents.get(dep) ?? [];
        list.push(node);
        dependents.set(dep, list);
      } else {
        const outcome = known.get(dep);
        if (outcome !== undefined && outcome !== 'succeeded') blocked = `${dep} ${outcome}`;
      }
    }
    if (blocked) {
      options.onSkip(node, `dependency ${blocked}`);
      outcomes.set(node.id, 'skipped');
      continue;
    }
    waiting.set(node.id, pending);
  }
  // Children of a node skipped above are skipped too.
  for (const node of nodes) {
    if (outcomes.get(node.id) === 'skipped') resolveNode(node.id, 'skipped');
  }
  for (const node of nodes) {
    if (!outcomes.has(node.id) && waiting.get(node.id) === 0) enqueue(node);
  }
  pump();
  await finished;
  for (const node of nodes) if (!outcomes.has(node.id)) outcomes.set(node.id, 'not-started');
  return outcomes;
}
