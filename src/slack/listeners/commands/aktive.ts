import { activeDelegations } from "../../../service/liveDelegations.js";
import { countCap } from "../../../service/queries.js";
import { activeText } from "../../messages/active.js";
import { activeMessage } from "../../views/active.js";
import type { Subcommand } from "./subcommand.js";

/** `/delegering aktive` (and `active`): every verified and lost delegation, the lost ones first. */
export const aktive: Subcommand = {
  kind: "answer",
  answer: async (_args, _rest, svc) => {
    const { rt } = svc;
    try {
      const list = await activeDelegations(svc, countCap);
      return activeMessage(list, list.totals, list.countCap, rt.config.locale);
    } catch (error) {
      rt.logger.error(`aktive failed: ${String(error)}`);
      return { text: activeText[rt.config.locale].failed };
    }
  },
};
