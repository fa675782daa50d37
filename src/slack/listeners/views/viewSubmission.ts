import { z } from "zod";

// Only what the handlers read of a modal's view as Slack sends it: in a view_submission, and in a
// block_actions click inside a modal (the order modal's Back).

/** One input's value: text inputs give `value`, radios and selects `selected_option`. */
const stateValueSchema = z
  .object({
    type: z.string().optional(),
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    /** checkboxes */
    selected_options: z.array(z.object({ value: z.string() })).max(10).nullish(),
    /** file inputs */
    files: z.array(z.object({ id: z.string().min(1) })).nullish(),
  })
  .loose();
export type StateValue = z.infer<typeof stateValueSchema>;

const submittedViewSchema = z.object({
  /** the modal's id: one modal, one submission's work (a double click, Slack's retry) */
  id: z.string().min(1).max(100),
  /** the first view's id: kept through response_action "update" and views.update */
  root_view_id: z.string().nullish(),
  hash: z.string().optional(),
  callback_id: z.string(),
  private_metadata: z.string().max(3000).nullish(),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), stateValueSchema)) }).optional(),
});
export type SubmittedView = z.infer<typeof submittedViewSchema>;

/** A modal submission (view_submission), or a click in a modal, as the handlers read it. */
export const viewSubmissionSchema = z.object({
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z.object({ id: z.string().min(1) }).nullish(),
  view: submittedViewSchema,
});
export type ViewSubmission = z.infer<typeof viewSubmissionSchema>;

/** The raw value of one input (block_id = action_id). */
export function fieldOf(s: ViewSubmission, field: string): StateValue | undefined {
  return s.view.state?.values[field]?.[field];
}

/** The typed value of one input (block_id = action_id): text inputs give `value`, radios `selected_option`. */
export function readField(view: SubmittedView, field: string): string | null {
  const v = view.state?.values[field]?.[field];
  return v?.selected_option?.value ?? v?.value ?? null;
}

/** The typed values of the given fields. */
export function readFields<F extends string>(view: SubmittedView, fields: readonly F[]): Record<F, string | null> {
  const out = {} as Record<F, string | null>;
  for (const field of fields) out[field] = readField(view, field);
  return out;
}

/** The modal session: a view keeps its id through response_action "update" and views.update. */
export function sessionOf(view: SubmittedView): string {
  return view.root_view_id || view.id;
}

export function workspaceOf(payload: ViewSubmission): string {
  return payload.team?.id ?? payload.user.team_id ?? "unknown";
}
