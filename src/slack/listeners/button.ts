import type { App } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { z } from "zod";
import type { CaseRecord } from "../../domain/caseRecord.js";
import { stageLabel, type Stage } from "../../domain/stages.js";
import type { Runtime } from "../../runtime.js";
import { findCase, type Case } from "../../service/cases.js";
import type { Services } from "../../service/services.js";
import { followupText } from "../messages/followup.js";
import { escapeMrkdwn } from "../mrkdwn.js";

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

/**
 * An answer only the clicker sees: through the click's response_url when there is one (a message
 * button), else as an ephemeral message in the channel, else (App Home) as a direct message.
 */
export async function answerClick(rt: Runtime, client: Client, click: ButtonClick, text: string): Promise<void> {
  try {
    if (click.response_url) {
      const res = await fetch(click.response_url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text }),
      });
      if (res.ok) return;
    }
    if (click.channel?.id) {
      await client.chat.postEphemeral({ channel: click.channel.id, user: click.user.id, text });
      return;
    }
    await client.chat.postMessage({ channel: click.user.id, text });
  } catch (error) {
    rt.logger.error(`could not answer ${click.user.id}: ${String(error)}`);
  }
}

/** An answer after a modal closed: ephemeral in the case's channel (thread), else a direct message. */
export async function answerAfterModal(rt: Runtime, client: Client, c: CaseRecord | null, userId: string, text: string): Promise<void> {
  try {
    if (c?.channelId) {
      await client.chat.postEphemeral({ channel: c.channelId, user: userId, text, ...(c.threadTs ? { thread_ts: c.threadTs } : {}) });
      return;
    }
    await client.chat.postMessage({ channel: userId, text });
  } catch (error) {
    rt.logger.error(`could not answer ${userId}: ${String(error)}`);
  }
}

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
  run: (ctx: ClickContext) => Promise<void>,
  failedText: () => string,
): void {
  app.action(actionId, async ({ ack, body, client }) => {
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
      await answerClick(rt, client, click, failedText());
    }
  });
}

export interface CaseClickContext extends ClickContext {
  c: Case;
}

/**
 * A button on a case (its value is the reference): the case is loaded, and a click on a case that
 * is gone, or whose stage no longer allows the button (`when`), gets the polite answer and changes
 * nothing.
 */
export function onCaseButton(
  app: App,
  svc: Services,
  actionId: string,
  when: ((stage: Stage) => boolean) | undefined,
  run: (ctx: CaseClickContext) => Promise<void>,
): void {
  const { rt } = svc;
  const m = () => followupText[rt.config.locale];
  onButton(
    app,
    rt,
    actionId,
    async (ctx) => {
      const ref = referenceSchema.safeParse(ctx.value);
      const c = ref.success ? await findCase(svc, ref.data) : null;
      if (!c) return answerClick(rt, ctx.client, ctx.click, m().notFound(escapeMrkdwn(ctx.value.slice(0, 20))));
      if (when && !when(c.stage)) return answerStale(rt, ctx, c);
      await run({ ...ctx, c });
    },
    () => m().failed,
  );
}

/** "Already moved on": for a click that lost the race against another change. */
export function answerStale(rt: Runtime, ctx: ClickContext, c: CaseRecord): Promise<void> {
  return answerClick(rt, ctx.client, ctx.click, followupText[rt.config.locale].stale(c.reference, stageLabel[c.stage][rt.config.locale]));
}

/** Opens a modal on the click's trigger (it lives 3 s, so this runs right after the ack). */
export async function openModal(rt: Runtime, ctx: ClickContext, view: ModalView): Promise<void> {
  if (!ctx.click.trigger_id) return answerClick(rt, ctx.client, ctx.click, followupText[rt.config.locale].failed);
  await ctx.client.views.open({ trigger_id: ctx.click.trigger_id, view });
}
