import type { App } from "@slack/bolt";
import type { Services } from "../../../service/services.js";
import { helpText } from "../../messages/help.js";
import { redactIdentityNumbers } from "../../../domain/identityNumbers.js";
import { decodeEntities, escapeEntities } from "../../mrkdwn.js";
import { helpBlocks } from "../../views/help.js";
import { importCustomersCommand } from "./importCommand.js";
import { liste } from "./liste.js";
import { ny } from "./ny.js";
import { oversikt } from "./oversikt.js";
import { status } from "./status.js";
import type { Subcommand } from "./subcommand.js";


const help: Subcommand = async ({ respond }, _rest, svc) => {
  await respond({ response_type: "ephemeral", ...helpBlocks(svc.rt.config.locale) });
};

/** Subcommands by every name they answer to (Norwegian and English). */
export function subcommandTable(): Record<string, Subcommand> {
  return { hjelp: help, help, ny, new: ny, import: importCustomersCommand, bulk: importCustomersCommand, status, liste: liste, list: liste, oversikt, summary: oversikt };
}

export function registerDelegeringCommand(app: App, svc: Services, table = subcommandTable()): void {
  const { rt } = svc;
  app.command("/delegering", async (args) => {
    const text = decodeEntities(args.command.text ?? "").trim();
    const [first = "", ...restWords] = text.split(/\s+/);
    const name = first.toLowerCase();
    const handler = name === "" ? help : table[name];
    // Subcommands that open a modal must ack first: trigger_id and Slack's 3 s both run out.
    await args.ack();
    if (!handler) {
      await args.respond({
        response_type: "ephemeral",
        ...helpBlocks(rt.config.locale, helpText[rt.config.locale].unknown(escapeEntities(redactIdentityNumbers(name.slice(0, 40)).replace(/`/g, "'")))),
      });
      return;
    }
    await handler(args, restWords.join(" "), svc);
  });
}
