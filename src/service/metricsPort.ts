/**
 * What the app tells Prometheus (GET /metrics). Gauges about the data are read from the
 * database at scrape time; the mailbox watcher and the Slack side report events through the
 * hooks here (mail/ and slack/ never import each other). Built by createMetrics (metrics.ts);
 * a module of its own so that Services can name it without importing what the gauges read.
 */
export interface Metrics {
  /** the mailbox watcher finished a pass over the mailbox without error */
  imapPassSucceeded(at: Date): void;
  /** a Slack Web API call failed; `operation` names what the app was doing */
  slackApiFailed(operation: string): void;
  /** the exposition text, and its content type */
  scrape(): Promise<{ contentType: string; text: string }>;
}
