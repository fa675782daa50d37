import type { App, ViewResponseAction } from "@slack/bolt";
import type { z } from "zod";
import type { Runtime } from "../../../runtime.js";
import { onView, type Access } from "../register.js";
import type { Outcome } from "./submission.js";
import { viewSubmissionSchema, type ViewSubmission } from "./viewSubmission.js";

type Client = App["client"];

/** A log line: its level and text. */
export interface LogLine {
  level: "warn" | "error";
  message: string;
}

export interface SubmissionListener {
  /** A payload not in the shape viewSubmissionSchema reads: what is logged (if anything) and acked (nothing: the modal closes). */
  unreadable(error: z.ZodError): { log?: LogLine; response?: ViewResponseAction };
  /** What to ack within Slack's 3 s, and the slower work that follows the ack. */
  handle(submission: ViewSubmission, client: Client): Outcome | Promise<Outcome>;
  /** When `handle` throws: the log line and the ack that keeps the modal. Without it the error goes to Bolt's error handler. */
  failed?: { log(error: unknown): string; response(submission: ViewSubmission): ViewResponseAction };
  /** The log line when the work after the ack fails (where that work does not catch its own errors). */
  afterFailed?(error: unknown): string;
}

/** The paths of a parse error's issues, for a log line (never the values: they are user input). */
export function issuePaths(error: z.ZodError): string {
  return error.issues.map((i) => i.path.join(".")).join(", ");
}

/**
 * A view_submission listener: the payload parsed with the one schema (viewSubmission.ts), the ack,
 * the follow-up after it, and every failure logged.
 */
export function onSubmission(app: App, rt: Runtime, callbackId: string, access: Access, listener: SubmissionListener): void {
  onView(app, callbackId, access, async ({ ack, body, client }) => {
    const parsed = viewSubmissionSchema.safeParse(body);
    if (!parsed.success) {
      const { log, response } = listener.unreadable(parsed.error);
      if (log) rt.logger[log.level](log.message);
      await ack(response);
      return;
    }
    let outcome: Outcome;
    try {
      outcome = await listener.handle(parsed.data, client);
    } catch (error) {
      if (!listener.failed) throw error;
      rt.logger.error(listener.failed.log(error));
      await ack(listener.failed.response(parsed.data));
      return;
    }
    await ack(outcome.response);
    if (outcome.after) {
      await outcome.after().catch((error: unknown) => rt.logger.error(listener.afterFailed?.(error) ?? `view ${callbackId}: after the ack: ${String(error)}`));
    }
  });
}

/**
 * A step of a modal wizard (the order and import modals): an unreadable submission is logged and
 * closes the modal; a failed step is logged and acked with `failed`, keeping what was typed.
 */
export function onWizardStep(
  app: App,
  rt: Runtime,
  callbackId: string,
  where: { modal: string; step: string },
  handle: SubmissionListener["handle"],
  /** the ack when the step throws; without it the error goes to Bolt's error handler */
  failed?: (submission: ViewSubmission) => ViewResponseAction,
): void {
  const { modal, step } = where;
  onSubmission(app, rt, callbackId, "changes", {
    unreadable: (error) => ({ log: { level: "error", message: `${modal}: unreadable ${step} submission: ${issuePaths(error)}` } }),
    handle,
    ...(failed ? { failed: { log: (error: unknown) => `${modal}: ${step} step failed: ${String(error)}`, response: failed } } : {}),
    afterFailed: (error) => `${modal}: after ${step}: ${String(error)}`,
  });
}
