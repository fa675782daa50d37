import type { App, ViewResponseAction } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import {
  customerAccessPartSchema,
  customerPartSchemaAgainst,
  orderSchema,
  validateFields,
  vendorPartSchema,
  type Order,
  type OrderFieldId,
} from "../../../domain/order.js";
import { customerAccessInstructions } from "../../../domain/guidance.js";
import { orgnrSchema } from "../../../domain/orgnr.js";
import { validationMessages, type ValidationCode } from "../../../domain/validationMessages.js";
import { findCase, openCase } from "../../../service/cases.js";
import { linkProduction } from "../../../service/production.js";
import { rememberVendor } from "../../../service/queries.js";
import type { Services } from "../../../service/services.js";
import { within } from "../../../within.js";
import { intakeText } from "../../messages/intake.js";
import { escapeMrkdwn } from "../../mrkdwn.js";
import {
  backActionId,
  doneView,
  inputStepView,
  inputSteps,
  orderCallbackIds,
  sendingView,
  stepFields,
  type InputStep,
  type OrderStep,
} from "../../views/orderModal.js";
import { decodeDraft, type OrderDraft } from "../../views/orderModalDraft.js";
import { isChecking, reviewStepView, type RegisterView } from "../../views/orderModalReview.js";
import { orderPayloadSchema, readFields, sessionOf, workspaceOf, type OrderPayload } from "./orderPayload.js";
import { OrderRegisterChecks } from "./orderRegisterChecks.js";

type Client = App["client"];

/** What a submission answers within Slack's 3 s, and the slower work that follows the ack. */
interface Outcome {
  response: ViewResponseAction;
  after?: () => Promise<void>;
}

type StepCheck = { ok: true; values: OrderDraft } | { ok: false; errors: Partial<Record<string, ValidationCode>> };

// The review waits this long for lookups still under way before it shows "checking the
// register …" and updates itself later: well inside Slack's 3 s, long enough to spare most
// users the flicker.
const reviewWaitMs = 600;

function validateStep(step: InputStep, draft: OrderDraft, raw: Record<string, string | null>): StepCheck {
  const result =
    step === "vendor"
      ? validateFields(vendorPartSchema, raw)
      : step === "customer"
        ? validateFields(customerPartSchemaAgainst(draft.vendor_orgnr ?? ""), raw)
        : validateFields(customerAccessPartSchema, raw);
  if (result.ok) return { ok: true, values: result.value as OrderDraft };
  const errors: Partial<Record<string, ValidationCode>> = { ...result.errors };
  // The schema compares the two numbers only once every field is valid; say it in the same
  // round as the other errors so the user does not fix the form twice.
  if (step === "customer" && !errors.customer_orgnr) {
    const orgnr = orgnrSchema.safeParse(raw.customer_orgnr);
    if (orgnr.success && orgnr.data === draft.vendor_orgnr) errors.customer_orgnr = "orgnr.same_as_vendor";
  }
  return { ok: false, errors };
}

function previousStep(step: OrderStep): InputStep | null {
  if (step === "review") return "access";
  const i = inputSteps.indexOf(step);
  return i > 0 ? inputSteps[i - 1]! : null;
}

function stepOfCallback(callbackId: string): OrderStep | null {
  for (const step of [...inputSteps, "review"] as const) if (orderCallbackIds[step] === callbackId) return step;
  return null;
}

/** The order modal's steps 1–4, Back, and Send. */
export function registerOrderIntake(app: App, svc: Services): void {
  const { rt } = svc;
  const locale = rt.config.locale;
  const m = intakeText[locale];
  const checks = new OrderRegisterChecks(rt.config.enhetsregisteret);

  const localize = (errors: Partial<Record<string, ValidationCode>>): Record<string, string> =>
    Object.fromEntries(Object.entries(errors).flatMap(([field, code]) => (code ? [[field, validationMessages[code][locale]]] : [])));

  /** A stored draft that no longer validates (never from Slack itself): back to its first bad step. */
  function firstInvalidStep(errors: Partial<Record<string, ValidationCode>>): InputStep {
    return inputSteps.find((s) => stepFields[s].some((f) => f in errors)) ?? "vendor";
  }

  function review(payload: OrderPayload, order: Order, draft: OrderDraft, error?: string): { view: ModalView; checking: boolean } {
    const session = sessionOf(payload.view);
    const vendor: RegisterView = checks.peek(session, order.vendor_orgnr) ?? "checking";
    const customer: RegisterView = checks.peek(session, order.customer_orgnr) ?? "checking";
    const cc = rt.config.mail.ccVendorContact ? [order.vendor_contact_email] : [];
    const view = reviewStepView(locale, { order, draft, vendor, customer, mail: { to: rt.config.mail.brregOrderEmail, cc, preview: !rt.config.mail.smtpUrl }, error });
    return { view, checking: isChecking({ vendor, customer }) };
  }

  async function showReview(payload: OrderPayload, order: Order, draft: OrderDraft, client: Client): Promise<Outcome> {
    const session = sessionOf(payload.view);
    const lookups = Promise.all([checks.start(session, order.vendor_orgnr), checks.start(session, order.customer_orgnr)]);
    await within(lookups, reviewWaitMs, undefined);
    const { view, checking } = review(payload, order, draft);
    const generation = checks.bump(session);
    if (!checking) return { response: { response_action: "update", view } };
    return {
      response: { response_action: "update", view },
      after: async () => {
        await lookups;
        // The user may have gone Back (or sent) meanwhile: then this view is no longer shown.
        if (checks.generation(session) !== generation) return;
        await client.views.update({ view_id: payload.view.id, view: review(payload, order, draft).view });
      },
    };
  }

  async function submitInputStep(step: InputStep, payload: OrderPayload, client: Client): Promise<Outcome> {
    const draft = decodeDraft(payload.view.private_metadata);
    const checked = validateStep(step, draft, readFields(payload.view, stepFields[step]));
    if (!checked.ok) return { response: { response_action: "errors", errors: localize(checked.errors) } };
    const next: OrderDraft = { ...draft, ...checked.values };
    const session = sessionOf(payload.view);
    // Start the register lookups now so that the review usually finds them done.
    if (step === "vendor" && next.vendor_orgnr) void checks.start(session, next.vendor_orgnr);
    if (step === "customer" && next.customer_orgnr) void checks.start(session, next.customer_orgnr);
    if (step !== "access") {
      checks.bump(session);
      return { response: { response_action: "update", view: inputStepView(step === "vendor" ? "customer" : "access", locale, next) } };
    }
    const order = validateFields(orderSchema, next);
    if (!order.ok) {
      checks.bump(session);
      return { response: { response_action: "update", view: inputStepView(firstInvalidStep(order.errors), locale, next) } };
    }
    return showReview(payload, order.value, next, client);
  }

  function send(payload: OrderPayload, client: Client): Outcome {
    const draft = decodeDraft(payload.view.private_metadata);
    const parsed = validateFields(orderSchema, draft);
    const session = sessionOf(payload.view);
    checks.bump(session);
    if (!parsed.ok) return { response: { response_action: "update", view: inputStepView(firstInvalidStep(parsed.errors), locale, draft) } };
    const order = parsed.value;
    const workspaceId = workspaceOf(payload);
    const userId = payload.user.id;
    return {
      response: { response_action: "update", view: sendingView(locale) },
      after: async () => {
        let result: Awaited<ReturnType<typeof openCase>>;
        try {
          // The view id is the same for every delivery of this submission (a double click,
          // Slack's retry), so they all find one case.
          result = await openCase(svc, { order, workspaceId, ownerUserId: userId, creationKey: `order:${workspaceId}:${session}` });
        } catch (error) {
          rt.logger.error(`could not create the case from order modal ${session}: ${String(error)}`);
          await client.views.update({ view_id: payload.view.id, view: review(payload, order, draft, m.sendFailed).view }).catch(() => undefined);
          return;
        }
        // «Start produksjon»: the production case and its TT02 case name each other.
        if (draft.origin) {
          await linkProduction(svc, draft.origin, result.case).catch((error: unknown) =>
            rt.logger.error(`could not link ${result.case.reference} to ${draft.origin ?? "?"}: ${String(error)}`),
          );
        }
        // Saved only on Send, so an abandoned modal changes nothing; a failure here costs the
        // next order its prefill, never this case.
        await rememberVendor(svc, workspaceId, order).catch((error: unknown) =>
          rt.logger.warn(`could not save the vendor profile of ${workspaceId}: ${String(error)}`),
        );
        // Re-read for the root message's thread; a database blip here costs only the link.
        const reread = await findCase(svc, result.case.reference).catch(() => null);
        const c = reread ?? result.case;
        // Known to have no thread (not merely unread): the root could not be posted.
        const noThread = reread !== null && !reread.threadTs;
        const link = c.channelId && c.threadTs ? await permalink(client, c.channelId, c.threadTs) : undefined;
        const customer = escapeMrkdwn(c.customerName);
        if (result.created) {
          try {
            const dm = await client.conversations.open({ users: userId });
            if (dm.channel?.id) {
              const text = [m.dm(c.reference, customer), ...(link ? [m.threadLink(link)] : [])].join("\n");
              await client.chat.postMessage({ channel: dm.channel.id, text });
            }
          } catch (error) {
            rt.logger.warn(`could not DM ${userId} about ${c.reference}: ${String(error)}`);
          }
        }
        const lines = [
          m.done(c.reference, customer),
          c.stage === "customer_access_pending" ? m.donePending : rt.config.mail.smtpUrl ? m.doneQueued : m.donePreview,
          ...(link ? [m.threadLink(link)] : []),
          ...(noThread ? [m.noThread(rt.config.slack.caseChannel)] : []),
        ];
        // Without a thread the text for the customer went nowhere: it is shown here instead.
        const forward =
          noThread && c.stage === "customer_access_pending"
            ? customerAccessInstructions({ customerName: c.customerName, customerOrgnr: c.customerOrgnr, environment: c.environment, locale, brregEmail: rt.config.mail.brregOrderEmail })
            : undefined;
        await client.views.update({ view_id: payload.view.id, view: doneView(locale, lines, forward) }).catch((error: unknown) => {
          // The user may have closed the modal; the DM and the thread still tell them.
          rt.logger.debug(`could not show the created case in modal ${session}: ${String(error)}`);
        });
      },
    };
  }

  async function permalink(client: Client, channel: string, ts: string): Promise<string | undefined> {
    try {
      const res = await client.chat.getPermalink({ channel, message_ts: ts });
      return typeof res.permalink === "string" ? res.permalink : undefined;
    } catch {
      return undefined;
    }
  }

  for (const step of [...inputSteps, "review"] as const) {
    app.view(orderCallbackIds[step], async ({ ack, body, client }) => {
      const parsed = orderPayloadSchema.safeParse(body);
      if (!parsed.success) {
        rt.logger.error(`order modal: unreadable ${step} submission: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
        await ack();
        return;
      }
      let outcome: Outcome;
      try {
        outcome = step === "review" ? send(parsed.data, client) : await submitInputStep(step, parsed.data, client);
      } catch (error) {
        // Keep the modal and what was typed: point at the step's first field.
        rt.logger.error(`order modal: ${step} step failed: ${String(error)}`);
        const field: OrderFieldId = step === "review" ? "customer_access" : stepFields[step][0]!;
        if (step === "review") await ack({ response_action: "update", view: inputStepView("access", locale, decodeDraft(parsed.data.view.private_metadata)) });
        else await ack({ response_action: "errors", errors: { [field]: m.sendFailed } });
        return;
      }
      await ack(outcome.response);
      if (outcome.after) {
        await outcome.after().catch((error: unknown) => rt.logger.error(`order modal: after ${step}: ${String(error)}`));
      }
    });
  }

  app.action(backActionId, async ({ ack, body, client }) => {
    await ack();
    const parsed = orderPayloadSchema.safeParse(body);
    if (!parsed.success) {
      rt.logger.error("order modal: unreadable Back click");
      return;
    }
    const { view } = parsed.data;
    const step = stepOfCallback(view.callback_id);
    const previous = step ? previousStep(step) : null;
    if (!step || !previous) return;
    const draft = decodeDraft(view.private_metadata);
    // Keep what was typed on this step even though it was not submitted (or not valid yet).
    if (step !== "review") {
      for (const [field, value] of Object.entries(readFields(view, stepFields[step])) as Array<[OrderFieldId, string | null]>) {
        if (value) draft[field] = value;
        else delete draft[field];
      }
    }
    checks.bump(sessionOf(view));
    try {
      await client.views.update({ view_id: view.id, ...(view.hash ? { hash: view.hash } : {}), view: inputStepView(previous, locale, draft) });
    } catch (error) {
      rt.logger.warn(`order modal: Back failed: ${String(error)}`);
    }
  });
}
