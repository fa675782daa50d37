import type { Runtime } from "../runtime.js";
import type { Metrics } from "./metricsPort.js";
import type { Notifier } from "./notifier.js";

/** What Slack listeners, the mail workers and the scheduler share to reach the data. */
export interface Services {
  readonly rt: Runtime;
  readonly notifier: Notifier;
  readonly metrics: Metrics;
}
