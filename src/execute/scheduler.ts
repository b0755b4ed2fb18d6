/**
 * A bounded work graph (after aws-cdk-cli work-graph.ts): a node starts when every dependency
 * succeeded, at most `global` nodes run at once, and each lane (one account, or the serial
 * Organizations lane) has its own cap. A node whose dependency did not succeed is skipped.
 * Lanes take turns (round robin), so one account with 20 regions does not starve the others.
 * When `shouldStart()` turns false (abort, fatal journal error) nothing new starts; running
 * nodes finish and the rest are reported as not started.
 */
export type NodeOutcome = 'succeeded' | 'failed' | 'skipped' | 'not-started';

export interface WorkNode {
  id: string;
  lane: string;
  dependsOn: readonly string[];
}

export interface ScheduleOptions<N extends WorkNode> {
  nodes: readonly N[];
  /** Outcomes of nodes outside this batch (earlier waves, journaled runs). Unknown ids = satisfied. */
  known: ReadonlyMap<string, NodeOutcome>;
  global: number;
  laneLimit: (lane: string) => number;
  run: (node: N) => Promise<'succeeded' | 'failed'>;
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
  let running = 0;
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
    if (running === 0 && (runnable.size === 0 || !options.shouldStart())) settle();
  };
  const pump = () => {
    while (running < options.global && runnable.size > 0 && options.shouldStart()) {
      const lane = runnable.values().next().value as string;
      const node = laneQueues.get(lane)?.shift();
      if (!node) {
        runnable.delete(lane);
        continue;
      }
      running += 1;
      laneRunning.set(lane, (laneRunning.get(lane) ?? 0) + 1);
      // Re-insert at the end: round robin across lanes.
      refreshLane(lane);
      void options
        .run(node)
        .catch(() => 'failed' as const)
        .then((outcome) => {
          running -= 1;
          laneRunning.set(lane, (laneRunning.get(lane) ?? 1) - 1);
          refreshLane(lane);
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
