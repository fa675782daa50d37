import { z } from "zod";
import { orderFieldIds, type OrderFieldId } from "../../domain/order.js";
import { routeSchema, type Route } from "../../domain/routes.js";

/**
 * What the order modal has collected so far, carried between steps in the view's
 * private_metadata. Values are what the steps accepted (normalised) or, after Back, what was
 * typed, so nothing anyone typed is lost between steps.
 */
export type OrderDraft = Partial<Record<OrderFieldId, string>> & {
  /** the TT02 case a production order was started from («Start produksjon»): linked on Send */
  origin?: string;
  /** the route chosen first (absent: not chosen yet) */
  route?: Route;
};

const referencePattern = /^DLG-\d{1,12}$/;

/** Slack refuses private_metadata over 3000 characters. */
export const maxMetadata = 3000;

/** Longest value each input takes (Slack enforces max_length in the client). */
export const fieldMaxLength: Record<OrderFieldId, number> = {
  environment: 20,
  vendor_orgnr: 30,
  vendor_name: 200,
  vendor_contact_name: 200,
  vendor_contact_email: 254,
  vendor_contact_phone: 40,
  customer_orgnr: 30,
  customer_name: 200,
  customer_contact_name: 200,
  customer_contact_email: 254,
  customer_contact_phone: 40,
  customer_access: 20,
};

// Positional array in orderFieldIds order: keys would cost a third of the budget.
const metadataSchema = z.object({
  d: z.array(z.string()).length(orderFieldIds.length),
  o: z.string().regex(referencePattern).optional(),
  r: routeSchema.optional().catch(undefined),
});

// Metadata is never rendered, but typed text such as "<!channel>" stays out of every payload
// we send Slack in its raw form: JSON's \u escapes decode to the same string. Only < and >,
// which open Slack's special syntax; "&" is common in company names and costs 6 characters.
function toJson(values: string[], origin?: string, route?: Route): string {
  return JSON.stringify({ d: values, ...(origin ? { o: origin } : {}), ...(route ? { r: route } : {}) }).replace(/[<>]/g, (c) => (c === "<" ? "\\u003c" : "\\u003e"));
}

export function encodeDraft(draft: OrderDraft): string {
  // Cut by characters, as the fields' limits count them (an emoji is one, not two).
  const values = orderFieldIds.map((id) => Array.from(draft[id] ?? "").slice(0, fieldMaxLength[id]).join(""));
  const origin = draft.origin && referencePattern.test(draft.origin) ? draft.origin : undefined;
  const route = draft.route;
  const encoded = toJson(values, origin, route);
  // With every value at its max_length the worst case (quotes and controls escaped) can pass
  // the limit; drop the longest values then, which the user sees as fields to fill in again.
  if (encoded.length <= maxMetadata) return encoded;
  const longest = values.map((v, i) => [i, toJson([v]).length] as const).sort((a, b) => b[1] - a[1]);
  for (const [i] of longest) {
    values[i] = "";
    const shorter = toJson(values, origin, route);
    if (shorter.length <= maxMetadata) return shorter;
  }
  return toJson(values, origin, route);
}

/** A draft from private_metadata; an empty or foreign value gives an empty draft. */
export function decodeDraft(metadata: string | undefined | null): OrderDraft {
  if (!metadata) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(metadata);
  } catch {
    return {};
  }
  const parsed = metadataSchema.safeParse(raw);
  if (!parsed.success) return {};
  const draft: OrderDraft = {};
  orderFieldIds.forEach((id, i) => {
    const value = parsed.data.d[i];
    if (value) draft[id] = value;
  });
  if (parsed.data.o) draft.origin = parsed.data.o;
  if (parsed.data.r) draft.route = parsed.data.r;
  return draft;
}
