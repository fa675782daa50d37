import { z } from "zod";
import type { OrderFieldId } from "../../../domain/order.js";

// Only what the order modal reads of Slack's view_submission and block_actions payloads.
const stateValueSchema = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
});

export const orderViewSchema = z.object({
  id: z.string().min(1),
  root_view_id: z.string().nullish(),
  hash: z.string().optional(),
  callback_id: z.string(),
  private_metadata: z.string().nullish(),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), stateValueSchema)) }).optional(),
});

export type OrderView = z.infer<typeof orderViewSchema>;

export const orderPayloadSchema = z.object({
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z.object({ id: z.string().min(1) }).nullish(),
  view: orderViewSchema,
});

export type OrderPayload = z.infer<typeof orderPayloadSchema>;

/** The modal session: a view keeps its id through response_action "update" and views.update. */
export function sessionOf(view: OrderView): string {
  return view.root_view_id || view.id;
}

export function workspaceOf(payload: OrderPayload): string {
  return payload.team?.id ?? payload.user.team_id ?? "unknown";
}

/** The typed value of one input (block_id = action_id): text inputs give `value`, radios `selected_option`. */
export function readField(view: OrderView, field: string): string | null {
  const v = view.state?.values[field]?.[field];
  return v?.selected_option?.value ?? v?.value ?? null;
}

/** The typed values of the given fields. */
export function readFields(view: OrderView, fields: readonly OrderFieldId[]): Record<OrderFieldId, string | null> {
  const out = {} as Record<OrderFieldId, string | null>;
  for (const field of fields) out[field] = readField(view, field);
  return out;
}
