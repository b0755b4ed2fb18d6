export interface OperationCounter {
  calls: number;
  ok: number;
  /** Error code → count (throttling and injected faults included). */
  errors: Record<string, number>;
}

/** Who signed a call: a principal of the management account, or of a member account. */
export type CallerKind = 'management' | 'member';

/** Per-operation request counters and successful IMDS writes per account × region. */
export class Counters {
  readonly operations = new Map<string, OperationCounter>();
  /** Authenticated calls per caller kind and operation (answered or refused): who needs what. */
  readonly callers = new Map<CallerKind, Map<string, number>>();
  /** `account/region` → successful (non-DryRun) ModifyInstanceMetadataDefaults calls. */
  readonly imdsWrites = new Map<string, number>();

  record(operation: string, errorCode: string | undefined): void {
    let counter = this.operations.get(operation);
    if (!counter) {
      counter = { calls: 0, ok: 0, errors: {} };
      this.operations.set(operation, counter);
    }
    counter.calls++;
    if (errorCode === undefined) counter.ok++;
    else counter.errors[errorCode] = (counter.errors[errorCode] ?? 0) + 1;
  }

  recordCaller(kind: CallerKind, operation: string): void {
    let byOp = this.callers.get(kind);
    if (!byOp) {
      byOp = new Map();
      this.callers.set(kind, byOp);
    }
    byOp.set(operation, (byOp.get(operation) ?? 0) + 1);
  }

  recordWrite(accountId: string, region: string): void {
    const key = `${accountId}/${region}`;
    this.imdsWrites.set(key, (this.imdsWrites.get(key) ?? 0) + 1);
  }

  reset(): void {
    this.operations.clear();
    this.imdsWrites.clear();
    this.callers.clear();
  }

  snapshot(): {
    operations: Record<string, OperationCounter>;
    imdsWrites: Record<string, number>;
    callers: Partial<Record<CallerKind, Record<string, number>>>;
  } {
    return {
      operations: Object.fromEntries(this.operations),
      imdsWrites: Object.fromEntries(this.imdsWrites),
      callers: Object.fromEntries(
        [...this.callers].map(([kind, byOp]) => [kind, Object.fromEntries(byOp)]),
      ),
    };
  }
}
