import { z } from "zod";

/** A modal submission as Slack sends it (view_submission); only what the handlers read. */
export const viewSubmissionSchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({
    /** the modal's id: one modal, one submission's work (a double click, Slack's retry) */
    id: z.string().max(100).optional(),
    private_metadata: z.string().max(3000).optional(),
    state: z
      .object({
        values: z.record(
          z.string(),
          z.record(
            z.string(),
            z
              .object({
                value: z.string().nullish(),
                selected_option: z.object({ value: z.string() }).nullish(),
                /** checkboxes */
                selected_options: z.array(z.object({ value: z.string() })).max(10).nullish(),
              })
              .loose(),
          ),
        ),
      })
      .optional(),
  }),
});
export type ViewSubmission = z.infer<typeof viewSubmissionSchema>;

export function fieldOf(s: ViewSubmission, field: string) {
  return s.view.state?.values[field]?.[field];
}
