import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import type { Services } from "../../../service/services.js";
import type { Access } from "../register.js";

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** What a reading subcommand answers, ephemerally, to the person who typed it. */
export interface Answer {
  text: string;
  blocks?: KnownBlock[];
}

/**
 * A subcommand, given the text after its name. An `answer` subcommand only reads: its answer
 * goes in the ack when it is ready in time, else to response_url after an empty ack (it never
 * throws: a failure is an answer too). A `modal` subcommand runs after the ack (trigger_id and
 * Slack's 3 s both run out while it works) and says whether it reads or changes cases (the
 * permission middleware keeps non-members from a "changes" one).
 */
export type Subcommand =
  | { kind: "answer"; answer: (args: CommandArgs, rest: string, svc: Services) => Promise<Answer> }
  | { kind: "modal"; access: Access; run: (args: CommandArgs, rest: string, svc: Services) => Promise<void> };

/** Whether a subcommand reads or changes cases. */
export function accessOf(subcommand: Subcommand): Access {
  return subcommand.kind === "answer" ? "reads" : subcommand.access;
}
