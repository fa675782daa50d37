/** A background loop (outbox, mailbox, reminders): started after Slack, stopped before the db. */
export interface Worker {
  readonly name: string;
  start(): void;
  /** finishes the work in flight, then resolves */
  stop(): Promise<void>;
}
