import type { App } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { z } from "zod";
import type { CaseRecord } from "../../domain/caseRecord.js";
import { actsIn, type CaseAction } from "../../domain/caseActions.js";
import { stageLabel } from "../../domain/stages.js";
import type { Runtime } from "../../runtime.js";
import { findCase } from "../../service/cases.js";
import type { Services } from "../../service/services.js";
import { followupText } from "../messages/followup.js";
import { escapeMrkdwn } from "../mrkdwn.js";
import { answer } from "../respond.js";
import { onAction, type Access } from "./register.js";

/** A case button's click as Slack sends it (block_actions); only what the handlers read. */
export const buttonClickSchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().optional(),
  response_url: z.string().url().optional(),
  channel: z.object({ id: z.string() }).optional(),
  container: z.object({ thread_ts: z.string().optional(), message_ts: z.string().optional() }).partial().optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().max(2000).optional() })).min(1),
});
export type ButtonClick = z.infer<typeof buttonClickSchema>;

export const referenceSchema = z
  .string()
  .trim()
  .regex(/^DLG-\d{1,9}$/i)
  .transform((s) => s.toUpperCase());

type Client = App["client"];

export interface ClickContext {
  click: ButtonClick;
  /** the clicked button's value */
  value: string;
  client: Client;
}

/**
 * A button listener that acks at once (Slack's 3 s, and a trigger_id for a modal), parses the
 * click, and never throws: a failure is logged and the clicker is told politely.
 */
export function onButton(
  app: App,
  rt: Runtime,
  actionId: string,
  access: Access,
  run: (ctx: ClickContext) => Promise<void>,
  failedText: () => string,
): void {
  onAction(app, actionId, access, async ({ ack, body, client }) => {
    await ack();
    const parsed = buttonClickSchema.safeParse(body);
    if (!parsed.success) {
      rt.logger.warn(`ignored a ${actionId} click Slack sent in an unexpected shape: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      return;
    }
    const click = parsed.data;
    const action = click.actions.find((a) => a.action_id === actionId) ?? click.actions[0]!;
    try {
      await run({ click, value: action.value ?? "", client });
    } catch (error) {
      rt.logger.error(`${actionId} failed: ${String(error)}`);
      await answer(rt, client, { click }, failedText());
    }
  });
}

export interface CaseClickContext extends ClickContext {
  c: CaseRecord;
}

/**
 * A button on a case (its value is the reference), as its row in the case-action table says: its
 * access, and the stages it acts in. The case is loaded, and a click on a case that is gone, or
 * whose stage no longer allows the button, gets the polite answer and changes nothing.
 */
export function onCaseButton(app: App, svc: Services, action: CaseAction, run: (ctx: CaseClickContext) => Promise<void>): void {
  const { rt } = svc;
  const m = () => followupText[rt.config.locale];
  onButton(
    app,
    rt,
    action.id,
    action.access,
    async (ctx) => {
      const ref = referenceSchema.safeParse(ctx.value);
      const c = ref.success ? await findCase(svc, ref.data) : null;
      if (!c) return answer(rt, ctx.client, { click: ctx.click }, m().notFound(escapeMrkdwn(ctx.value.slice(0, 20))));
      if (!actsIn(action, c.stage)) return answerStale(rt, ctx, c);
      await run({ ...ctx, c });
    },
    () => m().failed,
  );
}

/** "Already moved on": for a click that lost the race against another change. */
export function answerStale(rt: Runtime, ctx: ClickContext, c: CaseRecord): Promise<void> {
  return answer(rt, ctx.client, { click: ctx.click }, followupText[rt.config.locale].stale(c.reference, stageLabel[c.stage][rt.config.locale]));
}

/** Opens a modal on the click's trigger (it lives 3 s, so this runs right after the ack). */
export async function openModal(rt: Runtime, ctx: ClickContext, view: ModalView): Promise<void> {
  if (!ctx.click.trigger_id) return answer(rt, ctx.client, { click: ctx.click }, followupText[rt.config.locale].failed);
  await ctx.client.views.open({ trigger_id: ctx.click.trigger_id, view });
}
