import type { App } from "@slack/bolt";
import { z } from "zod";
import { noteHomeShown } from "../../../service/home.js";
import { homeData, teamHomeData, teamPageAfter, type ListCursor, type TeamHomeData } from "../../../service/queries.js";
import type { Services } from "../../../service/services.js";
import { homeMineSize, homeTeamPageSize, homeView } from "../../views/home.js";

/** The first page of what every viewer's Home shows alike: read once when many Homes are published at a time. */
export function firstTeamPage(svc: Services): Promise<TeamHomeData> {
  return teamHomeData(svc, homeTeamPageSize);
}

/** A later team page beside the first one already read: only the list is read again. */
export function laterTeamPage(svc: Services, first: TeamHomeData, after: ListCursor): Promise<TeamHomeData> {
  return teamPageAfter(svc, first, homeTeamPageSize, after);
}

/**
 * Builds and publishes one user's Home tab; page > 1 starts the team's list after `after`.
 * `shared`: the team's part already read (firstTeamPage, or laterTeamPage for that page).
 */
export async function publishHome(client: App["client"], svc: Services, userId: string, page = 1, after?: ListCursor, shared?: TeamHomeData): Promise<void> {
  const { rt } = svc;
  const { mine, team, counts, countCap, medians, live, credentials } = await homeData(svc, userId, { mine: homeMineSize, team: homeTeamPageSize }, after, shared);
  const view = homeView({ mine: mine.cases, mineMore: Boolean(mine.next), team: team.cases, next: team.next, page, counts, countCap, medians, live, credentials }, rt.config.locale, rt.now());
  await client.views.publish({ user_id: userId, view });
}

const homeOpened = z.object({ user: z.string(), tab: z.string().optional() });

/** App Home: published whenever the user opens the tab (its page buttons: actions/homePaging.ts). */
export function registerAppHome(app: App, svc: Services): void {
  const { rt } = svc;
  app.event("app_home_opened", async ({ event, client }) => {
    const opened = homeOpened.safeParse(event);
    if (!opened.success) {
      rt.logger.warn(`app_home_opened in an unexpected shape: ${opened.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      return;
    }
    // The Messages tab opens the same event; only the Home tab has a view to publish.
    if (opened.data.tab && opened.data.tab !== "home") return;
    try {
      await publishHome(client, svc, opened.data.user);
    } catch (error) {
      rt.logger.error(`could not publish Home for ${opened.data.user}: ${String(error)}`);
    }
    // Kept current from now on, by whichever replica changes a case.
    await noteHomeShown(svc, opened.data.user).catch((error: unknown) => rt.logger.warn(`could not note that ${opened.data.user} opened Home: ${String(error)}`));
  });
}
