import type { App } from "@slack/bolt";
import type { Services } from "../../../service/services.js";
import { helpText } from "../../messages/help.js";
import { redactIdentityNumbers } from "../../../domain/identityNumbers.js";
import { within } from "../../../within.js";
import { decodeEntities, escapeEntities } from "../../mrkdwn.js";
import { helpBlocks } from "../../views/help.js";
import { aktive } from "./aktive.js";
import { importCustomersCommand } from "./importCommand.js";
import { liste } from "./liste.js";
import { ny } from "./ny.js";
import { oversikt } from "./oversikt.js";
import { status } from "./status.js";
import { declareSubcommand } from "../register.js";
import { accessOf, type Answer, type CommandArgs, type Subcommand } from "./subcommand.js";

/**
 * How long a reading subcommand's answer may take to go in the ack itself. Past it the ack goes
 * out empty (Slack wants it within 3 s, and authorisation has had its share before this) and the
 * answer follows through response_url.
 */
export const answerInAckMs = 1500;

const help: Subcommand = { kind: "answer", answer: (_args, _rest, svc) => Promise.resolve(helpBlocks(svc.rt.config.locale)) };

/** Subcommands by every name they answer to (Norwegian and English). */
export function subcommandTable(): Record<string, Subcommand> {
  return { hjelp: help, help, ny, new: ny, import: importCustomersCommand, bulk: importCustomersCommand, status, liste: liste, list: liste, oversikt, summary: oversikt, aktive, active: aktive };
}

/** The help with a note naming the word that is no subcommand (echoed safely, never an identity number). */
function unknownSubcommand(svc: Services, name: string): Answer {
  const locale = svc.rt.config.locale;
  return helpBlocks(locale, helpText[locale].unknown(escapeEntities(redactIdentityNumbers(name.slice(0, 40)).replace(/`/g, "'"))));
}

/** The answer in the ack when it is ready within `answerInAckMs`; else an empty ack and the answer to response_url. */
async function answerCommand(args: CommandArgs, name: string, answer: Promise<Answer>, svc: Services): Promise<void> {
  const settled = answer.then(
    (a) => ({ ok: true as const, a }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const early = await within(settled, answerInAckMs, "late" as const);
  if (early !== "late" && early.ok) {
    await args.ack({ response_type: "ephemeral", ...early.a });
    return;
  }
  await args.ack();
  const outcome = early === "late" ? await settled : early;
  if (!outcome.ok) {
    svc.rt.logger.error(`/delegering ${name} failed: ${String(outcome.error)}`);
    return;
  }
  await args.respond({ response_type: "ephemeral", ...outcome.a });
}

export function registerDelegeringCommand(app: App, svc: Services, table = subcommandTable()): void {
  for (const [name, subcommand] of Object.entries(table)) declareSubcommand(app, name, accessOf(subcommand));
  app.command("/delegering", async (args) => {
    const text = decodeEntities(args.command.text ?? "").trim();
    const [first = "", ...restWords] = text.split(/\s+/);
    const name = first.toLowerCase();
    const handler = name === "" ? help : table[name];
    const rest = restWords.join(" ");
    // Only a known name reaches a log line (an unknown word may be anything a person typed).
    if (!handler) return answerCommand(args, "(unknown)", Promise.resolve(unknownSubcommand(svc, name)), svc);
    if (handler.kind === "answer") return answerCommand(args, name || "hjelp", handler.answer(args, rest, svc), svc);
    // Subcommands that open a modal ack first: trigger_id and Slack's 3 s both run out.
    await args.ack();
    await handler.run(args, rest, svc);
  });
}
