import type { CaseRecord } from "../domain/caseRecord.js";
import { z } from "zod";
import { customerAccessSchema, environmentSchema, orderSchema, vendorPartSchema, type Order } from "../domain/order.js";
import { importFieldIds, type ImportLine } from "../domain/customerImport.js";
import { isValidationCode } from "../domain/validationMessages.js";
import { findImportDraft, pruneImportDrafts, saveImportDraft } from "../store/importDrafts.js";
import { openCase } from "./cases.js";
import { rememberVendor } from "./vendorProfiles.js";
import type { Services } from "./services.js";

// Many customers at once: the import modal's review keeps its checked lines here until Send,
// and Send opens one case per ready line, each exactly once however often it is delivered.

/** What the import's review showed: the shared choices, the vendor and every line as checked. */
export interface ImportDraft {
  environment: Order["environment"];
  customer_access: Order["customer_access"];
  vendor: z.output<typeof vendorPartSchema>;
  lines: ImportLine[];
}

/** A draft is kept this long; a review left open longer is sent again from the start. */
const draftHours = 24;

const codeSchema = z.string().refine(isValidationCode);
const lineSchema = z.union([
  z.object({
    lineNumber: z.number().int().positive(),
    fields: z.array(z.string()),
    status: z.literal("ready"),
    customer: z.object({
      customer_orgnr: z.string(),
      customer_name: z.string(),
      customer_contact_name: z.string(),
      customer_contact_email: z.string(),
      customer_contact_phone: z.string(),
    }),
  }),
  z.object({
    lineNumber: z.number().int().positive(),
    fields: z.array(z.string()),
    status: z.literal("invalid"),
    errors: z.partialRecord(z.enum([...importFieldIds, "line"]), codeSchema),
  }),
]);
const draftSchema = z.object({
  environment: environmentSchema,
  customer_access: customerAccessSchema,
  vendor: vendorPartSchema,
  lines: z.array(lineSchema).max(100),
});

/** Keeps the review's lines for the modal session `session` (its root view id). */
export async function keepImportDraft(svc: Services, key: { session: string; workspaceId: string; userId: string }, draft: ImportDraft): Promise<void> {
  const now = svc.rt.now();
  await saveImportDraft(svc.rt.db, { ...key, data: draft, createdAt: now }, draftsExpireBefore(now));
}

function draftsExpireBefore(now: Date): Date {
  return new Date(now.getTime() - draftHours * 3600_000);
}

/** Drops expired drafts even when nobody imports again (they hold the imported contacts); returns how many. */
export function forgetOldImportDrafts(svc: Pick<Services, "rt">): Promise<number> {
  return pruneImportDrafts(svc.rt.db, draftsExpireBefore(svc.rt.now()));
}

/** The draft kept for `session`, or null when there is none (expired, never saved, or unreadable). */
export async function importDraft(svc: Services, session: string): Promise<ImportDraft | null> {
  const row = await findImportDraft(svc.rt.db, session);
  if (!row) return null;
  const parsed = draftSchema.safeParse(row.data);
  return parsed.success ? parsed.data : null;
}

/** The order a ready line makes with the draft's vendor and choices, or null when it no longer validates. */
export function orderOfLine(draft: ImportDraft, line: ImportLine): Order | null {
  if (line.status !== "ready") return null;
  const parsed = orderSchema.safeParse({ ...draft.vendor, ...line.customer, environment: draft.environment, customer_access: draft.customer_access });
  return parsed.success ? parsed.data : null;
}

export type ImportOutcome =
  | { lineNumber: number; status: "created"; case: CaseRecord; created: boolean }
  | { lineNumber: number; status: "failed"; orgnr: string };

/**
 * Opens one case per ready line (its own order e-mail through the outbox when the customer has
 * access), keyed `import:<workspace>:<session>:<orgnr>` so a Send delivered twice opens each case
 * once. A line that fails is reported and the others go on. Saves the vendor profile.
 */
export async function importCustomers(
  svc: Services,
  input: { workspaceId: string; ownerUserId: string; session: string; draft: ImportDraft },
): Promise<ImportOutcome[]> {
  const { workspaceId, ownerUserId, session, draft } = input;
  const outcomes: ImportOutcome[] = [];
  let remembered: Order | undefined;
  // One at a time, each in its own transaction: a line that fails leaves the others standing, and
  // the cases' notices are owed (and posted by the Slack worker) in the order of the lines.
  for (const line of draft.lines) {
    const order = orderOfLine(draft, line);
    if (!order) continue;
    try {
      const result = await openCase(svc, { order, workspaceId, ownerUserId, creationKey: `import:${workspaceId}:${session}:${order.customer_orgnr}` });
      outcomes.push({ lineNumber: line.lineNumber, status: "created", case: result.case, created: result.created });
      remembered ??= order;
    } catch (error) {
      svc.rt.logger.error(`import ${session}: could not open the case for line ${line.lineNumber}: ${String(error)}`);
      outcomes.push({ lineNumber: line.lineNumber, status: "failed", orgnr: order.customer_orgnr });
    }
  }
  if (remembered) {
    await rememberVendor(svc, workspaceId, remembered).catch((error: unknown) =>
      svc.rt.logger.warn(`could not save the vendor profile of ${workspaceId}: ${String(error)}`),
    );
  }
  return outcomes;
}
