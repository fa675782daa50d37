import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../service/services.js";

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** A subcommand gets the command already acknowledged and the text after its name. */
export type Subcommand = (args: CommandArgs, rest: string, svc: Services) => Promise<void>;
