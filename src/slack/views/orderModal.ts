import type { ActionsBlock, InputBlock, KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { environmentInfo, environments } from "../../domain/environments.js";
import type { OrderFieldId } from "../../domain/order.js";
import { routes, type Route } from "../../domain/routes.js";
import { intakeText } from "../messages/intake.js";
import type { Locale } from "../messages/locale.js";
import { codeBlocks } from "./codeBlocks.js";
import { sendToCustomerActions } from "./customerMailModal.js";
import { encodeDraft, fieldMaxLength, type OrderDraft } from "./orderModalDraft.js";
import { plain, section } from "./blocks.js";

/** The input steps of the order modal, in order; the review (step 4) is in orderModalReview.ts. */
export const inputSteps = ["vendor", "customer", "access"] as const;
export type InputStep = (typeof inputSteps)[number];
/** The route is asked first; the review closes every route. */
export type OrderStep = "route" | InputStep | "review";

/** Each step's view has its own callback_id, so a submission says which step it completes. */
export const orderCallbackIds = {
  route: "order_route",
  vendor: "order_vendor",
  customer: "order_customer",
  access: "order_access",
  review: "order_review",
  sending: "order_sending",
  done: "order_done",
} as const;

/** The Back button on steps 2–4. */
export const backActionId = "order_back";

export const stepFields: Record<InputStep, readonly OrderFieldId[]> = {
  vendor: ["environment", "vendor_orgnr", "vendor_name", "vendor_contact_name", "vendor_contact_email", "vendor_contact_phone"],
  customer: ["customer_orgnr", "customer_name", "customer_contact_name", "customer_contact_email", "customer_contact_phone"],
  access: ["customer_access"],
};

/** The input steps of a route: a fictitious customer has no customer steps (and no environment). */
export function routeSteps(route: Route | undefined): readonly InputStep[] {
  return route === "fictitious" ? ["vendor"] : inputSteps;
}

/** The fields a step asks on its route. */
export function fieldsOf(step: InputStep, route: Route | undefined): readonly OrderFieldId[] {
  return step === "vendor" && route === "fictitious" ? stepFields.vendor.filter((f) => f !== "environment") : stepFields[step];
}

/** A step's title: "Ny sak" for the route question, then "steg n av m" counted on the route. */
export function stepTitle(step: OrderStep, route: Route | undefined, locale: Locale): string {
  const m = intakeText[locale];
  if (step === "route") return m.titleRoute;
  const steps = routeSteps(route);
  const total = steps.length + 1;
  return m.title(String(step === "review" ? total : steps.indexOf(step) + 1), String(total));
}


type Text = (typeof intakeText)["nb"];

const labels: Record<Exclude<OrderFieldId, "environment" | "customer_access">, (m: Text) => string> = {
  vendor_orgnr: (m) => m.vendorOrgnr,
  vendor_name: (m) => m.vendorName,
  vendor_contact_name: (m) => m.vendorContactName,
  vendor_contact_email: (m) => m.vendorContactEmail,
  vendor_contact_phone: (m) => m.vendorContactPhone,
  customer_orgnr: (m) => m.customerOrgnr,
  customer_name: (m) => m.customerName,
  customer_contact_name: (m) => m.customerContactName,
  customer_contact_email: (m) => m.customerContactEmail,
  customer_contact_phone: (m) => m.customerContactPhone,
};

/** The input label of a text field of the order modal (also used to name an import line's fields). */
export function fieldLabel(id: keyof typeof labels, locale: Locale): string {
  return labels[id](intakeText[locale]);
}

// block_id and action_id are both the field name (DESIGN.md): errors come back keyed by it.
function textInput(id: keyof typeof labels, m: Text, draft: OrderDraft): InputBlock {
  const value = draft[id];
  const hint = id.endsWith("_orgnr") ? m.orgnrHint : id.endsWith("_phone") ? m.phoneHint : undefined;
  return {
    type: "input",
    block_id: id,
    label: plain(labels[id](m)),
    ...(hint ? { hint: plain(hint) } : {}),
    element: {
      type: "plain_text_input",
      action_id: id,
      max_length: fieldMaxLength[id],
      ...(value ? { initial_value: value } : {}),
    },
  };
}

/** The vendor's text inputs of step 1, prefilled from `draft` (the import modal has them too). */
export function vendorInputs(locale: Locale, draft: OrderDraft): InputBlock[] {
  const m = intakeText[locale];
  return stepFields.vendor.filter((id) => id !== "environment").map((id) => textInput(id as keyof typeof labels, m, draft));
}

/** The environment radio buttons (TT02 / production) with `value` chosen. */
export function environmentInput(locale: Locale, value: string | undefined): InputBlock {
  const m = intakeText[locale];
  const envOptions = environments.map((e) => ({ text: plain(environmentInfo[e].label[locale]), value: e }));
  return radioInput("environment", m.environment, envOptions, value);
}

/** The route radio buttons (existing / fictitious customer) with `value` chosen. */
function routeInput(locale: Locale, value: string | undefined): InputBlock {
  const m = intakeText[locale];
  const text: Record<Route, string> = { existing: m.routeExisting, fictitious: m.routeFictitious };
  return radioInput("route", m.route, routes.map((r) => ({ text: plain(text[r]), value: r })), value);
}

/** The customer-access radio buttons (confirmed / pending) with `value` chosen. */
export function customerAccessInput(locale: Locale, value: string | undefined): InputBlock {
  const m = intakeText[locale];
  const options = [
    { text: plain(m.accessConfirmed), value: "confirmed" },
    { text: plain(m.accessPending), value: "pending" },
  ];
  return radioInput("customer_access", m.customerAccess, options, value);
}

function radioInput(id: "route" | "environment" | "customer_access", label: string, options: PlainTextOption[], value: string | undefined): InputBlock {
  const initial = options.find((o) => o.value === value);
  return {
    type: "input",
    block_id: id,
    label: plain(label),
    element: { type: "radio_buttons", action_id: id, options, ...(initial ? { initial_option: initial } : {}) },
  };
}

export function backButton(locale: Locale): ActionsBlock {
  return {
    type: "actions",
    block_id: "order_nav",
    elements: [{ type: "button", action_id: backActionId, value: "back", text: plain(intakeText[locale].back) }],
  };
}

function modal(step: OrderStep, locale: Locale, draft: OrderDraft, blocks: KnownBlock[], submit: string): ModalView {
  const m = intakeText[locale];
  return {
    type: "modal",
    callback_id: orderCallbackIds[step],
    title: plain(stepTitle(step, draft.route, locale)),
    submit: plain(submit),
    close: plain(m.cancel),
    private_metadata: encodeDraft(draft),
    blocks,
  };
}

/** First: which route, an existing customer or a fictitious one in TT02. */
export function routeStepView(locale: Locale, draft: OrderDraft): ModalView {
  const m = intakeText[locale];
  return modal("route", locale, draft, [section(m.routeIntro), routeInput(locale, draft.route)], m.next);
}

/**
 * Step 1: environment and the vendor's own data (prefilled from the saved profile); on the
 * fictitious route the vendor's data only, TT02 being the only environment. Back leads to the
 * route, except for «Start produksjon», whose route is given.
 */
export function vendorStepView(locale: Locale, draft: OrderDraft): ModalView {
  const m = intakeText[locale];
  const fictitious = draft.route === "fictitious";
  const blocks: KnownBlock[] = fictitious
    ? [section(m.vendorIntroFictitious), ...vendorInputs(locale, draft)]
    : [section(m.vendorIntro), environmentInput(locale, draft.environment), ...vendorInputs(locale, draft)];
  return modal("vendor", locale, draft, draft.origin ? blocks : [...blocks, backButton(locale)], m.next);
}

/** Step 2: the customer and its test contact. */
export function customerStepView(locale: Locale, draft: OrderDraft): ModalView {
  const m = intakeText[locale];
  return modal(
    "customer",
    locale,
    draft,
    [section(m.customerIntro), ...stepFields.customer.map((id) => textInput(id as keyof typeof labels, m, draft)), backButton(locale)],
    m.next,
  );
}

/** Step 3: has the customer already got Brreg's confirmation of its direct access? */
export function accessStepView(locale: Locale, draft: OrderDraft): ModalView {
  const m = intakeText[locale];
  return modal(
    "access",
    locale,
    draft,
    [section(m.accessIntro), customerAccessInput(locale, draft.customer_access), backButton(locale)],
    m.next,
  );
}

export function inputStepView(step: InputStep | "route", locale: Locale, draft: OrderDraft): ModalView {
  if (step === "route") return routeStepView(locale, draft);
  return step === "vendor" ? vendorStepView(locale, draft) : step === "customer" ? customerStepView(locale, draft) : accessStepView(locale, draft);
}

/** Shown while the case is being created after Send. */
export function sendingView(locale: Locale): ModalView {
  const m = intakeText[locale];
  return { type: "modal", callback_id: orderCallbackIds.sending, title: plain(m.titleSending), close: plain(m.close), blocks: [section(m.sending)] };
}

/**
 * The last view: which case was created and where its thread is (text arrives escaped), and,
 * when given, `forward`: a text for the customer to copy.
 */
export function doneView(locale: Locale, lines: string[], forward?: { text: string; reference: string }): ModalView {
  const m = intakeText[locale];
  const blocks = [
    ...lines.map(section),
    ...(forward ? [section(`*${m.forwardHere}*`), ...codeBlocks(forward.text), sendToCustomerActions(forward.reference, locale)] : []),
  ];
  return { type: "modal", callback_id: orderCallbackIds.done, title: plain(m.titleDone), close: plain(m.close), blocks };
}
