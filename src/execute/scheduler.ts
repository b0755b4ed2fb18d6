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
 * made them the bottleneck (64 slots × ~350 ms of read-back waits per defaults write). A node may
 * also move to another lane for the rest of its run (`slot.moveTo`): an Organizations write sends
 * its one call in the serial lane and reads it back in a lane of its own, so reads overlap while
 * writes stay one at a time.
 *
 * A lane whose order matters (the Organizations lane: attach before swap before detach before
 * delete) gives its nodes a rank: a node starts only when every node of a lower rank in its lane
 * has finished, whatever the outcome (the lane's order before slots could be handed back).
 */
import { BugError } from '../errors.js';

export type NodeOutcome = 'succeeded' | 'failed' | 'skipped' | 'not-started';

export interface WorkNode {
  id: string;
  lane: string;
  dependsOn: readonly string[];
}

/** The node's place in the caps, which it may hand back while it only waits. */
export interface Slot {
  yieldWhile<T>(wait: () => Promise<T>): Promise<T>;
  /** Hands this lane's slot back and takes one in `lane` (its cap applies); no-op if already there. */
  moveTo(lane: string): Promise<void>;
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
  /**
   * A node's rank within its lane (undefined = unranked): it starts only after every lower-ranked
   * node of its lane in this batch finished. A node may depend only on lower or equal ranks.
   */
  rankOf?: (node: N) => number | undefined;
  /**
   * How many of a lane's nodes may be under way at once, holding a slot or not (default: no
   * limit beyond the lane's cap). Bounds the read-backs a lane that moves its nodes elsewhere
   * leaves behind it, and so how long a stop waits for them.
   */
  laneActiveLimit?: (lane: string) => number;
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

  const ranks = new Map<string, number>();
  /** Unfinished ranked nodes per lane and rank. */
  const unfinished = new Map<string, Map<number, number>>();
  for (const node of nodes) {
    const rank = options.rankOf?.(node);
    if (rank === undefined) continue;
    ranks.set(node.id, rank);
    const perRank = unfinished.get(node.lane) ?? new Map<number, number>();
    perRank.set(rank, (perRank.get(rank) ?? 0) + 1);
    unfinished.set(node.lane, perRank);
  }
  const lowestUnfinished = (lane: string): number => {
    let lowest = Number.POSITIVE_INFINITY;
    for (const [rank, count] of unfinished.get(lane) ?? []) {
      if (count > 0 && rank < lowest) lowest = rank;
    }
    return lowest;
  };

  /** Nodes of each lane started and not finished (wherever their slot is). */
  const laneActive = new Map<string, number>();
  const laneHasRoom = (lane: string) => {
    if ((laneRunning.get(lane) ?? 0) >= options.laneLimit(lane)) return false;
    const activeLimit = options.laneActiveLimit?.(lane) ?? Number.POSITIVE_INFINITY;
    if ((laneActive.get(lane) ?? 0) >= activeLimit) return false;
    const head = laneQueues.get(lane)?.[0];
    if (!head) return false;
    const rank = ranks.get(head.id);
    return rank === undefined || rank <= lowestUnfinished(lane);
  };
  const refreshLane = (lane: string) => {
    runnable.delete(lane);
    if (laneHasRoom(lane)) runnable.add(lane);
  };
  const enqueue = (node: N) => {
    const queue = laneQueues.get(node.lane) ?? [];
    const rank = ranks.get(node.id);
    if (rank === undefined) queue.push(node);
    else {
      // Ranked lanes are kept in rank order (stable): the head is the next node that may start.
      let at = queue.length;
      while (at > 0 && (ranks.get(queue[at - 1]?.id ?? '') ?? rank) > rank) at -= 1;
      queue.splice(at, 0, node);
    }
    laneQueues.set(node.lane, queue);
    if (!runnable.has(node.lane) || rank !== undefined) refreshLane(node.lane);
  };
  const finishRank = (id: string) => {
    const rank = ranks.get(id);
    const lane = byId.get(id)?.lane;
    const perRank = lane === undefined ? undefined : unfinished.get(lane);
    if (rank === undefined || lane === undefined || !perRank) return;
    const left = (perRank.get(rank) ?? 1) - 1;
    perRank.set(rank, left);
    if (left === 0) refreshLane(lane);
  };
  const resolveNode = (id: string, outcome: NodeOutcome) => {
    outcomes.set(id, outcome);
    finishRank(id);
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
  /** Waits for a slot in `lane` (served before new nodes). */
  const takeSlot = (lane: string) =>
    new Promise<void>((take) => {
      resuming.push({ lane, take });
      pump();
    });
  const slotFor = (lane: string): Slot & { readonly lane: string } => {
    let current = lane;
    return {
      get lane() {
        return current;
      },
      async yieldWhile(wait) {
        release(current);
        pump();
        try {
          return await wait();
        } finally {
          await takeSlot(current);
        }
      },
      async moveTo(next) {
        if (next === current) return;
        release(current);
        pump();
        current = next;
        await takeSlot(next);
      },
    };
  };
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
      laneActive.set(lane, (laneActive.get(lane) ?? 0) + 1);
      // hold() re-inserts the lane at the end of `runnable`: round robin across lanes.
      hold(lane);
      const slot = slotFor(lane);
      void options
        .run(node, slot)
        .catch(() => 'failed' as const)
        .then((outcome) => {
          active -= 1;
          laneActive.set(lane, (laneActive.get(lane) ?? 1) - 1);
          release(slot.lane);
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
      const parent = byId.get(dep);
      if (parent) {
        const [mine, theirs] = [ranks.get(node.id), ranks.get(dep)];
        if (parent.lane === node.lane && mine !== undefined && (theirs ?? mine) > mine) {
          // It would wait for the lower rank that waits for it: a plan bug, not a stall.
          throw new BugError(`${node.id} (rank ${mine}) depends on ${dep} (rank ${theirs})`);
        }
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
