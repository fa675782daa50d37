import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import type { Services } from "../../../service/services.js";

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
 * Slack's 3 s both run out while it works).
 */
export type Subcommand =
  | { kind: "answer"; answer: (args: CommandArgs, rest: string, svc: Services) => Promise<Answer> }
  | { kind: "modal"; run: (args: CommandArgs, rest: string, svc: Services) => Promise<void> };
