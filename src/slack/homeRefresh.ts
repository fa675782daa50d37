import type { App } from "@slack/bolt";
import { doublingDelay } from "../domain/backoff.js";
import { homeAudience, type HomeViewer } from "../service/home.js";
import type { Services } from "../service/services.js";
import { firstTeamPage, laterTeamPage, publishHome } from "./listeners/events/appHome.js";

/** The longest wait before a Home whose publish failed is published again. */
const retryMaxMs = 5 * 60_000;

/**
 * Publishes Home again after cases change, debounced: the first change starts a timer, later
 * changes within it join, and when it fires each affected user's Home is published once (the
 * owners of the changed cases and everyone who opened Home in the last day, each on the team page
 * they were shown). A publish that fails (Slack in trouble) is tried again on the next pass, or
 * on a pass of its own after a growing pause. Home is rebuilt from the database each time, so
 * nothing about it needs keeping but who is owed one. In-process: each replica debounces its own
 * changes. Never throws.
 */
export class HomeRefresher {
  private readonly owners = new Set<string>();
  /** viewers whose last publish failed, tried again with the next pass */
  private readonly failed = new Map<string, HomeViewer>();
  private failedPasses = 0;
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly svc: () => Services,
    private readonly client: App["client"],
    /** changes within this window are published together (HOME_REFRESH_SECONDS); 0: never */
    private readonly delayMs: number,
  ) {}

  changed(ownerUserId: string): void {
    if (this.stopped || this.delayMs <= 0) return;
    this.owners.add(ownerUserId);
    this.arm();
  }

  private arm(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flush().finally(() => (this.flushing = undefined));
    }, this.delayMs);
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    const svc = this.svc();
    const owners = [...this.owners];
    this.owners.clear();
    const retried = [...this.failed.values()];
    this.failed.clear();
    let viewers: HomeViewer[] = [];
    if (owners.length > 0) {
      try {
        viewers = await homeAudience(svc, owners);
      } catch (error) {
        svc.rt.logger.error(`could not find whose Home to refresh: ${String(error)}`);
        viewers = owners.map((userId) => ({ userId, page: 1 }));
      }
    }
    // The audience as read now wins over what a failed publish remembered of the same viewer.
    const seen = new Set(viewers.map((v) => v.userId));
    viewers.push(...retried.filter((v) => !seen.has(v.userId)));
    await this.publish(svc, viewers);
    if (this.failed.size === 0) {
      this.failedPasses = 0;
      return;
    }
    this.failedPasses += 1;
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = undefined;
        this.arm();
      },
      doublingDelay(this.failedPasses, Math.max(this.delayMs, 1000), retryMaxMs),
    );
    this.retryTimer.unref();
  }

  private async publish(svc: Services, viewers: HomeViewer[]): Promise<void> {
    // The team's first page, the counts and the medians are the same on every Home: read them
    // once. A viewer on a later page gets that page's list, read for them.
    let shared: Awaited<ReturnType<typeof firstTeamPage>>;
    try {
      shared = await firstTeamPage(svc);
    } catch (error) {
      svc.rt.logger.warn(`could not read the team's cases for Home: ${String(error)}`);
      for (const viewer of viewers) this.failed.set(viewer.userId, viewer);
      return;
    }
    for (const viewer of viewers) {
      if (this.stopped) return;
      try {
        if (viewer.page > 1 && viewer.after) {
          await publishHome(this.client, svc, viewer.userId, viewer.page, viewer.after, await laterTeamPage(svc, shared, viewer.after));
        } else {
          await publishHome(this.client, svc, viewer.userId, 1, undefined, shared);
        }
      } catch (error) {
        this.failed.set(viewer.userId, viewer);
        svc.rt.logger.warn(`could not refresh the Home of ${viewer.userId} (tried again later): ${String(error)}`);
      }
    }
  }

  /** Drops what is pending and waits for a publish under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.timer = undefined;
    this.retryTimer = undefined;
    await this.flushing;
  }
}
