/** A background loop (outbox, mailbox, reminders): started after Slack, stopped before the db. */
export interface Worker {
  readonly name: string;
  start(): void;
  /** finishes the work in flight, then resolves */
  stop(): Promise<void>;
}

/**
 * A worker's passes, one at a time: `kick` runs a pass now, or once more right after the one
 * under way, so wake-ups never pile up into parallel passes. `settled` runs after each series.
 */
export class SerialPasses {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly settled?: () => void,
  ) {}

  get busy(): boolean {
    return this.running !== undefined;
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = undefined;
      this.settled?.();
    });
  }

  /** Accepts kicks again (after stop). */
  resume(): void {
    this.stopped = false;
  }

  /** Takes no more kicks and waits for the pass under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}
