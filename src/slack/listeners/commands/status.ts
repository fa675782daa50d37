import type { App } from "@slack/bolt";
import type { CaseRecord } from "../../../domain/caseRecord.js";
import { maxStatusCharacters, maxStatusWords, parseStatusQuery } from "../../../domain/search.js";
import { stepMedians } from "../../../service/durations.js";
import { noticesOwed } from "../../../service/notices.js";
import { pairedCases } from "../../../service/production.js";
import { casesMatching, latestEvents } from "../../../service/queries.js";
import type { Runtime } from "../../../runtime.js";
import { statusText } from "../../messages/status.js";
import { permalink } from "../../respond.js";
import { echoTyped } from "../../mrkdwn.js";
import { matchesMessage, statusMessage, textMessage } from "../../views/status.js";
import type { Subcommand } from "./subcommand.js";

/** Link to the case's root message, or null (the status then names the channel instead). */
async function threadLink(rt: Runtime, client: App["client"], c: CaseRecord): Promise<string | null> {
  return (await permalink(client, c, (error) => rt.logger.warn(`no permalink for ${c.reference}: ${String(error)}`))) ?? null;
}

/** `/delegering status <DLG-n | orgnr | part of a name>`: where a case stands, ephemerally. */
export const status: Subcommand = {
  kind: "answer",
  answer: async ({ client }, rest, svc) => {
    const { rt } = svc;
    const locale = rt.config.locale;
    const m = statusText[locale];
    try {
      const query = parseStatusQuery(rest);
      if (query.kind === "empty") return textMessage(m.usage);
      if (query.kind === "tooLong") return textMessage(m.tooLong(String(maxStatusWords), String(maxStatusCharacters)));
      const found = await casesMatching(svc, query);
      const typed = echoTyped(rest, 100);
      const [only] = found.cases;
      if (!only) return textMessage(m.noneFound(typed));
      if (found.cases.length === 1 && !found.more) {
        const [events, link, paired, medians, owed] = await Promise.all([
          latestEvents(svc, only, 10),
          threadLink(rt, client, only),
          pairedCases(svc, only),
          stepMedians(svc),
          noticesOwed(svc, only.id),
        ]);
        return statusMessage(only, events, link, locale, rt.now(), { paired, medians, noticesOwed: owed });
      }
      return matchesMessage(found.cases, found.more, typed, locale, rt.now());
    } catch (error) {
      rt.logger.error(`status lookup failed: ${String(error)}`);
      return { text: m.failed };
    }
  },
};
