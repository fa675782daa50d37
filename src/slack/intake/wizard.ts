import { z } from "zod";
import { redactIdentityNumbers } from "../../domain/identityNumbers.js";
import {
  customerAccessPartSchema,
  fictitiousOrderSchema,
  fictitiousVendorPartSchema,
  orderSchema,
  validateCustomerPart,
  validateFields,
  vendorPartSchema,
  type AnyOrder,
  type OrderFieldId,
} from "../../domain/order.js";
import { routeSchema } from "../../domain/routes.js";
import type { ValidationCode } from "../../domain/validationMessages.js";
import { fieldsOf, inputSteps, orderCallbackIds, routeSteps, stepFields, type InputStep, type OrderStep } from "../views/orderModal.js";
import { fieldMaxLength, type OrderDraft } from "../views/orderModalDraft.js";

// The order modal's state machine, pure: which step follows which, what each step accepts, what
// Back carries. The listeners parse Slack's payload, ask this, call a service where needed, and
// render the answer.

export type StepErrors = Partial<Record<OrderFieldId, ValidationCode>>;

/** What a step's fields typed, as the view's state gives them (null: left empty). */
export type RawFields = Partial<Record<OrderFieldId, string | null>>;

export type StepResult =
  /** stay on the step, with an error per field */
  | { kind: "errors"; errors: StepErrors }
  /** show this input step with the draft */
  | { kind: "next"; step: InputStep; draft: OrderDraft }
  /** every step is valid: show the review */
  | { kind: "review"; order: AnyOrder; draft: OrderDraft };

function validateStep(step: InputStep, draft: OrderDraft, raw: RawFields) {
  if (step === "vendor") return validateFields(draft.route === "fictitious" ? fictitiousVendorPartSchema : vendorPartSchema, raw);
  if (step === "customer") return validateCustomerPart(raw, draft.vendor_orgnr ?? "");
  return validateFields(customerAccessPartSchema, raw);
}

/** The first step whose fields have an error (a stored draft that no longer validates, never from Slack itself). */
export function firstInvalidStep(errors: StepErrors): InputStep {
  return inputSteps.find((s) => stepFields[s].some((f) => f in errors)) ?? "vendor";
}

/**
 * The whole draft as an order, or the first step to fix. A fictitious customer's order is TT02
 * whatever environment the draft carries (one chosen before going Back to change the route).
 */
export function orderOf(draft: OrderDraft): { kind: "order"; order: AnyOrder } | { kind: "next"; step: InputStep; draft: OrderDraft } {
  if (draft.route === "fictitious") {
    const parsed = validateFields(fictitiousOrderSchema, { ...draft, route: "fictitious", environment: "tt02" });
    return parsed.ok ? { kind: "order", order: parsed.value } : { kind: "next", step: "vendor", draft };
  }
  const parsed = validateFields(orderSchema, draft);
  return parsed.ok ? { kind: "order", order: parsed.value } : { kind: "next", step: firstInvalidStep(parsed.errors), draft };
}

const routePartSchema = z.object({ route: routeSchema });

export type RouteResult = { kind: "errors"; errors: { route?: ValidationCode } } | { kind: "next"; step: "vendor"; draft: OrderDraft };

/** The route question answered: its error, or step 1 of that route. */
export function submitRoute(draft: OrderDraft, raw: string | null): RouteResult {
  const checked = validateFields(routePartSchema, { route: raw });
  if (!checked.ok) return { kind: "errors", errors: checked.errors };
  return { kind: "next", step: "vendor", draft: { ...draft, route: checked.value.route } };
}

/** A submitted input step: its errors, the next step of the route, or (after its last) the review. */
export function submitStep(step: InputStep, draft: OrderDraft, raw: RawFields): StepResult {
  const checked = validateStep(step, draft, raw);
  if (!checked.ok) return { kind: "errors", errors: checked.errors };
  const next: OrderDraft = { ...draft, ...(checked.value as OrderDraft) };
  const steps = routeSteps(draft.route);
  const following = steps[steps.indexOf(step) + 1];
  if (following) return { kind: "next", step: following, draft: next };
  const whole = orderOf(next);
  return whole.kind === "order" ? { kind: "review", order: whole.order, draft: next } : whole;
}

/**
 * The step Back leads to, or null on the first. Step 1 leads back to the route, except for
 * «Start produksjon» (`origin`), which comes with its route.
 */
export function previousStep(step: OrderStep, draft: OrderDraft = {}): InputStep | "route" | null {
  if (step === "route") return null;
  const steps = routeSteps(draft.route);
  if (step === "review") return steps.at(-1)!;
  const i = steps.indexOf(step);
  if (i > 0) return steps[i - 1]!;
  return step === "vendor" && !draft.origin ? "route" : null;
}

/** The step a view's callback_id names (null: not an order step). */
export function stepOfCallback(callbackId: string): OrderStep | null {
  for (const step of ["route", ...inputSteps, "review"] as const) if (orderCallbackIds[step] === callbackId) return step;
  return null;
}

/**
 * Back: the previous step, with what was typed on this one kept even though it was not submitted
 * (or not valid yet). A national identity number typed into a field that would refuse it (a name,
 * an address) never travels back to Slack: it is replaced by a placeholder the user sees in the
 * field. Values the field accepts (an 11-digit foreign phone number) stay as typed.
 */
export function back(step: OrderStep, draft: OrderDraft, raw: RawFields): { step: InputStep | "route"; draft: OrderDraft } | null {
  const previous = previousStep(step, draft);
  if (!previous || step === "route") return null;
  const next: OrderDraft = { ...draft };
  if (step !== "review") {
    for (const field of fieldsOf(step, draft.route)) {
      const value = raw[field];
      if (value) next[field] = carried(field, value);
      else delete next[field];
    }
  }
  return { step: previous, draft: next };
}

/** A typed value as Back carries it: redacted (cut to the field's length) unless the field accepts it. */
function carried(field: OrderFieldId, value: string): string {
  const clean = redactIdentityNumbers(value);
  if (clean === value || orderSchema.shape[field].safeParse(value).success) return value;
  return Array.from(clean).slice(0, fieldMaxLength[field]).join("");
}
