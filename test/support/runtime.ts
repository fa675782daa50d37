import { loadConfig } from "../../src/config.js";
import type { CaseRecord } from "../../src/domain/caseRecord.js";
import type { CaseNotice } from "../../src/domain/notices.js";
import { createLogger, createSignals, type Runtime } from "../../src/runtime.js";
import { createMetrics } from "../../src/service/metrics.js";
import type { Notifier } from "../../src/service/notifier.js";
import type { Services } from "../../src/service/services.js";
import type { Db } from "../../src/store/db.js";

/** The runtime the app would build, on a test database, with the test's clock and settings. */
export function testRuntime(db: Db, now: Date | (() => Date), env: Record<string, string> = {}): Runtime {
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: "test",
    SLACK_CASE_CHANNEL: "C0CASES01",
    MAIL_FROM: "delegering@fjorddata.no",
    ...env,
  });
  const clock = typeof now === "function" ? now : () => now;
  return { config, db, logger: createLogger("error", "test"), now: clock, signals: createSignals() };
}

/** The Slack port as a list: what the services would have recorded for Slack, in order (the transaction is not looked at). */
export class RecordingNotifier implements Notifier {
  readonly notices: Array<{ reference: string; notice: CaseNotice }> = [];
  readonly rootMessageUpdates: string[] = [];
  notify(c: CaseRecord, notice: CaseNotice): Promise<void> {
    this.notices.push({ reference: c.reference, notice });
    return Promise.resolve();
  }
  updateRootMessage(c: CaseRecord): Promise<void> {
    this.rootMessageUpdates.push(c.reference);
    return Promise.resolve();
  }
  unmatchedMail(): Promise<void> {
    return Promise.resolve();
  }
  mailPassedOver(): Promise<void> {
    return Promise.resolve();
  }
  scopeNotOnClient(): Promise<void> {
    return Promise.resolve();
  }
  // The watch's channel notices: not looked at here.
  clientProblem(): Promise<void> {
    return Promise.resolve();
  }
  credentialExpiring(): Promise<void> {
    return Promise.resolve();
  }
  readonly changedOwners: string[] = [];
  casesChanged(ownerUserId: string): void {
    this.changedOwners.push(ownerUserId);
  }
  readonly overviews: string[] = [];
  weeklyOverview(week: string): Promise<void> {
    this.overviews.push(week);
    return Promise.resolve();
  }
}

export function testServices(rt: Runtime): Services & { notifier: RecordingNotifier } {
  return { rt, notifier: new RecordingNotifier(), metrics: createMetrics(rt) };
}
