import type { App } from "@slack/bolt";
import { importTextTooLong, parseCustomerImport } from "../../../domain/customerImport.js";
import { customerAccessPartSchema, validateFields, vendorPartSchema } from "../../../domain/order.js";
import type { ValidationCode } from "../../../domain/validationMessages.js";
import { keepImportDraft, type ImportDraft } from "../../../service/import.js";
import type { OrderRegisterChecks } from "../../../service/registerChecks.js";
import type { Services } from "../../../service/services.js";
import { readSlackFile, maxImportFileBytes } from "../../files.js";
import { importText } from "../../messages/import.js";
import { importChecking, importInputIds, importReviewView, lookupOrgnr } from "../../views/importModal.js";
import { localizeErrors, reviewWithLateAnswers, type Outcome } from "./submission.js";
import { sessionOf, workspaceOf, type StateValue, type ViewSubmission } from "./viewSubmission.js";

type Client = App["client"];

/** The whole check (file, parse, register) answers Slack within this; the rest follows by views.update. */
const ackBudgetMs = 2500;
/** Register answers are waited for at most this long before the review shows "checking …". */
const registerWaitMs = 1500;
/** Lookups at a time: 50 lines must not hit the register all at once. */
const registerConcurrency = 8;
/** How long reading an uploaded file may take before the ack. */
const fileWaitMs = 1200;

const vendorAndAccessFields = ["environment", "customer_access", "vendor_orgnr", "vendor_name", "vendor_contact_name", "vendor_contact_email", "vendor_contact_phone"] as const;

async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

function values(p: ViewSubmission): Record<string, StateValue | undefined> {
  const state = p.view.state?.values ?? {};
  return Object.fromEntries(Object.entries(state).map(([block, actions]) => [block, actions[block] ?? Object.values(actions)[0]]));
}

function errors(byField: Record<string, string>): Outcome {
  return { response: { response_action: "errors", errors: byField } };
}

/**
 * The import modal's first step: the vendor's fields and the list (pasted or a file) checked,
 * the draft kept, and the review answered with the register lookups as far as they got.
 */
export function importCheck(svc: Services, checks: OrderRegisterChecks): (p: ViewSubmission, client: Client, started: number) => Promise<Outcome> {
  const { rt } = svc;
  const locale = rt.config.locale;
  const t = importText[locale];

  /** The list's text, from the paste or the file, or the error to show on the right input. */
  async function listText(p: ViewSubmission, client: Client): Promise<{ ok: true; text: string; from: string } | { ok: false; outcome: Outcome }> {
    const v = values(p);
    const pasted = v[importInputIds.customers]?.value?.trim() ? (v[importInputIds.customers]?.value ?? "") : "";
    const fileId = v[importInputIds.file]?.files?.[0]?.id;
    if (pasted && fileId) return { ok: false, outcome: errors({ [importInputIds.customers]: t.both }) };
    if (!pasted && !fileId) return { ok: false, outcome: errors({ [importInputIds.customers]: t.neither }) };
    if (pasted) {
      if (importTextTooLong(pasted)) return { ok: false, outcome: errors({ [importInputIds.customers]: t.tooLong }) };
      return { ok: true, text: pasted, from: importInputIds.customers };
    }
    const read = await readSlackFile(client, rt.config.slack, fileId!, AbortSignal.timeout(fileWaitMs));
    if (!read.ok) {
      if (read.detail) rt.logger.warn(`import: could not read file ${fileId}: ${read.detail}`);
      const message = read.problem === "too_big" ? t.fileTooBig(String(maxImportFileBytes / 1024)) : read.problem === "not_text" ? t.fileNotText : t.fileUnreadable;
      return { ok: false, outcome: errors({ [importInputIds.file]: message }) };
    }
    return { ok: true, text: read.text, from: importInputIds.file };
  }

  function reviewView(draft: ImportDraft, session: string) {
    const register = (orgnr: string) => checks.peek(session, orgnr) ?? "checking";
    return { view: importReviewView(locale, { draft, register, preview: !rt.config.mail.smtpUrl }), checking: importChecking({ draft, register }) };
  }

  async function check(p: ViewSubmission, client: Client, started: number): Promise<Outcome> {
    const v = values(p);
    const raw = Object.fromEntries(vendorAndAccessFields.map((f) => [f, v[f]?.selected_option?.value ?? v[f]?.value ?? null]));
    const vendor = validateFields(vendorPartSchema, raw);
    const access = validateFields(customerAccessPartSchema, raw);
    const fieldErrors: Partial<Record<string, ValidationCode>> = { ...(vendor.ok ? {} : vendor.errors), ...(access.ok ? {} : access.errors) };
    if (!vendor.ok || !access.ok) {
      return errors(localizeErrors(fieldErrors, locale));
    }
    const list = await listText(p, client);
    if (!list.ok) return list.outcome;
    const parsed = parseCustomerImport(list.text, { vendorOrgnr: vendor.value.vendor_orgnr });
    if (parsed.tooMany) return errors({ [list.from]: t.tooMany(String(parsed.limit), String(parsed.count)) });
    if (parsed.count === 0) return errors({ [list.from]: t.neither });

    const session = sessionOf(p.view);
    const { environment, ...vendorOnly } = vendor.value;
    const draft: ImportDraft = { environment, customer_access: access.value.customer_access, vendor: { environment, ...vendorOnly }, lines: parsed.lines };
    await keepImportDraft(svc, { session, workspaceId: workspaceOf(p), userId: p.user.id }, draft);

    const orgnrs = [...new Set(parsed.lines.flatMap((l) => lookupOrgnr(l) ?? []))];
    return reviewWithLateAnswers({
      rt,
      client,
      viewId: p.view.id,
      checks,
      session,
      lookups: inPool(orgnrs, registerConcurrency, (orgnr) => checks.start(session, orgnr)),
      waitMs: Math.max(0, Math.min(registerWaitMs, ackBudgetMs - (Date.now() - started))),
      render: () => reviewView(draft, session),
      what: "the import's register check",
    });
  }

  return check;
}
