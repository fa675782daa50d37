import { weeklyOverview } from "../../../service/weekly.js";
import { weeklyText } from "../../messages/weekly.js";
import { weeklyOverviewMessage } from "../../views/weeklyOverview.js";
import type { Subcommand } from "./subcommand.js";

/** `/delegering oversikt` (and `summary`): the weekly overview, now and only for the asker. */
export const oversikt: Subcommand = {
  kind: "answer",
  answer: async (_args, _rest, svc) => {
    const { rt } = svc;
    try {
      const overview = await weeklyOverview(svc);
      return weeklyOverviewMessage(overview, rt.config.locale, rt.now(), false);
    } catch (error) {
      rt.logger.error(`oversikt failed: ${String(error)}`);
      return { text: weeklyText[rt.config.locale].failed };
    }
  },
};
