import type { App } from "@slack/bolt";
import { homeAudience, type HomeViewer } from "../service/home.js";
import type { Services } from "../service/services.js";
import { firstTeamPage, laterTeamPage, publishHome } from "./listeners/events/appHome.js";

/**
 * Publishes Home again after cases change, debounced: the first change starts a timer, later
 * changes within it join, and when it fires each affected user's Home is published once (the
 * owners of the changed cases and everyone who opened Home in the last day, each on the team page
 * they were shown). In-process: each replica debounces its own changes. Never throws.
 */
export class HomeRefresher {
  private readonly owners = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
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
    let viewers: HomeViewer[];
    try {
      viewers = await homeAudience(svc, owners);
    } catch (error) {
      svc.rt.logger.error(`could not find whose Home to refresh: ${String(error)}`);
      viewers = owners.map((userId) => ({ userId, page: 1 }));
    }
    // The team's first page, the counts and the medians are the same on every Home: read them
    // once. A viewer on a later page gets that page's list, read for them.
    let shared: Awaited<ReturnType<typeof firstTeamPage>> | undefined;
    try {
      shared = await firstTeamPage(svc);
    } catch (error) {
      svc.rt.logger.warn(`could not read the team's cases for Home: ${String(error)}`);
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
        svc.rt.logger.warn(`could not refresh the Home of ${viewer.userId}: ${String(error)}`);
      }
    }
  }

  /** Drops what is pending and waits for a publish under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing;
  }
}
