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

const taken = (): Promise<boolean> => Promise.resolve(true);

/** The Slack port as a list: what the services would have told Slack, in order. */
export class RecordingNotifier implements Notifier {
  readonly notices: Array<{ reference: string; notice: CaseNotice }> = [];
  readonly refreshed: string[] = [];
  notify(c: CaseRecord, notice: CaseNotice): Promise<boolean> {
    this.notices.push({ reference: c.reference, notice });
    return Promise.resolve(true);
  }
  refresh(c: CaseRecord): Promise<void> {
    this.refreshed.push(c.reference);
    return Promise.resolve();
  }
  unmatchedMail(): Promise<boolean> {
    return Promise.resolve(true);
  }
  mailPassedOver(): Promise<boolean> {
    return Promise.resolve(true);
  }
  scopeNotOnClient(): Promise<boolean> {
    return Promise.resolve(true);
  }
  // The watch's channel notices: taken, and not looked at here.
  readonly clientProblem = taken;
  readonly delegationLost = taken;
  readonly credentialExpiring = taken;
  readonly changedOwners: string[] = [];
  casesChanged(ownerUserId: string): void {
    this.changedOwners.push(ownerUserId);
  }
  readonly overviews: number[] = [];
  weeklyOverview(): Promise<boolean> {
    this.overviews.push(this.overviews.length + 1);
    return Promise.resolve(true);
  }
}

export function testServices(rt: Runtime): Services & { notifier: RecordingNotifier } {
  return { rt, notifier: new RecordingNotifier(), metrics: createMetrics(rt) };
}
