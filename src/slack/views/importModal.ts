import type { KnownBlock, ModalView } from "@slack/types";
import { importFieldIds, importLimit, slackTextInputMaxLength, type ImportLine } from "../../domain/customerImport.js";
import { environmentInfo } from "../../domain/environments.js";
import { formatOrgnr } from "../../domain/orgnr.js";
import { validationMessages } from "../../domain/validationMessages.js";
import type { ImportDraft } from "../../service/import.js";
import type { RegisterAnswer } from "../../service/registerChecks.js";
import { importText } from "../messages/import.js";
import { intakeText } from "../messages/intake.js";
import type { Locale } from "../messages/locale.js";
import { echoTyped, escapeMrkdwn } from "../mrkdwn.js";
import { customerAccessInput, environmentInput, fieldLabel, vendorInputs } from "./orderModal.js";
import type { OrderDraft } from "./orderModalDraft.js";
import { registerStatusText } from "./orderModalReview.js";
import { groupedSections } from "./sections.js";

export const importCallbackIds = {
  input: "import_input",
  review: "import_review",
  sending: "import_sending",
  done: "import_done",
} as const;

/** block_id and action_id of the pasted list and of the file. */
export const importInputIds = { customers: "customers", file: "customers_file" } as const;

const plain = (text: string) => ({ type: "plain_text" as const, text });
const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });
const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });

/** The first view: environment and access for every line, our details, and the list (pasted or as a file). */
export function importInputView(locale: Locale, draft: OrderDraft): ModalView {
  const t = importText[locale];
  const blocks: KnownBlock[] = [
    section(t.intro(String(importLimit))),
    environmentInput(locale, draft.environment),
    customerAccessInput(locale, draft.customer_access),
    ...vendorInputs(locale, draft),
    {
      type: "input",
      block_id: importInputIds.customers,
      optional: true,
      label: plain(t.customers),
      hint: plain(t.customersHint),
      element: { type: "plain_text_input", action_id: importInputIds.customers, multiline: true, max_length: slackTextInputMaxLength },
    },
    {
      type: "input",
      block_id: importInputIds.file,
      optional: true,
      label: plain(t.file),
      element: { type: "file_input", action_id: importInputIds.file, filetypes: ["csv", "txt"], max_files: 1 },
    },
  ];
  return { type: "modal", callback_id: importCallbackIds.input, title: plain(t.title), submit: plain(t.check), close: plain(t.cancel), blocks };
}

/** A register answer per orgnr, or "checking" while the lookup is under way; absent: not looked up. */
export type ImportRegister = (orgnr: string) => RegisterAnswer | "checking" | undefined;

/** The orgnr a line can be looked up by: a ready line's, or a line whose only faults are elsewhere. */
export function lookupOrgnr(line: ImportLine): string | null {
  if (line.status === "ready") return line.customer.customer_orgnr;
  if (line.errors.line || line.errors.customer_orgnr) return null;
  const digits = (line.fields[0] ?? "").replace(/\s/g, "");
  return /^\d{9}$/.test(digits) ? digits : null;
}

function registerLine(locale: Locale, answer: RegisterAnswer | "checking" | undefined): string | null {
  const t = importText[locale];
  if (!answer) return null;
  if (answer === "checking") return t.registerChecking;
  const status = registerStatusText(locale, answer);
  const name = "name" in answer && answer.name ? escapeMrkdwn(answer.name) : intakeText[locale].registerNoName;
  return answer.status === "unknown" || answer.status === "unavailable" ? status : `${t.registerNamed(name)}. ${status}`;
}

/** Why a line is left out, in words: each field's error, or the whole line's. */
export function lineErrors(locale: Locale, line: Extract<ImportLine, { status: "invalid" }>): string {
  const t = importText[locale];
  const parts: string[] = [];
  if (line.errors.line) parts.push(t.lineError(validationMessages[line.errors.line][locale]));
  for (const id of importFieldIds) {
    const code = line.errors[id];
    if (code) parts.push(t.fieldError(fieldLabel(id, locale), validationMessages[code][locale]));
  }
  return parts.join("; ");
}

function lineText(locale: Locale, line: ImportLine, register: ImportRegister): string {
  const t = importText[locale];
  const orgnr = lookupOrgnr(line);
  const reg = orgnr ? registerLine(locale, register(orgnr)) : null;
  const head =
    line.status === "ready"
      ? `${t.lineReady(String(line.lineNumber), formatOrgnr(line.customer.customer_orgnr), escapeMrkdwn(line.customer.customer_name))} · ${escapeMrkdwn(line.customer.customer_contact_name)}, ${escapeMrkdwn(line.customer.customer_contact_email)}, ${escapeMrkdwn(line.customer.customer_contact_phone)}`
      : `${t.lineInvalid(String(line.lineNumber), line.fields.map((f) => echoTyped(f, 80)).join(" · "))}\n${lineErrors(locale, line)}`;
  return reg ? `${head}\n${reg}` : head;
}

export interface ImportReviewInput {
  draft: ImportDraft;
  register: ImportRegister;
  /** preview: no SMTP_URL, so nothing is sent */
  preview: boolean;
}

/** True while some line still waits for its register answer. */
export function importChecking(input: Pick<ImportReviewInput, "draft" | "register">): boolean {
  return input.draft.lines.some((l) => {
    const orgnr = lookupOrgnr(l);
    return orgnr !== null && input.register(orgnr) === "checking";
  });
}

/** The review: each line ready or with its errors, and the register's word on each. */
export function importReviewView(locale: Locale, input: ImportReviewInput): ModalView {
  const t = importText[locale];
  const { draft } = input;
  const ready = draft.lines.filter((l) => l.status === "ready").length;
  const invalid = draft.lines.length - ready;
  const access = draft.customer_access === "confirmed" ? intakeText[locale].accessConfirmed : intakeText[locale].accessPending;
  const blocks: KnownBlock[] = [
    section(
      [
        t.summary(String(ready), String(invalid), environmentInfo[draft.environment].label[locale], access),
        t.vendorLine(escapeMrkdwn(draft.vendor.vendor_name), formatOrgnr(draft.vendor.vendor_orgnr)),
      ].join("\n"),
    ),
    context([draft.customer_access === "pending" ? t.mailPending : input.preview ? t.mailPreview : t.mailQueued, ...(invalid ? [t.invalidLeftOut] : [])].join(" ")),
    { type: "divider" },
    ...groupedSections(draft.lines.map((l) => lineText(locale, l, input.register))),
    context(ready ? t.registerNote : t.noneReady),
  ];
  return {
    type: "modal",
    callback_id: importCallbackIds.review,
    title: plain(t.titleReview),
    ...(ready ? { submit: plain(ready === 1 ? t.createOne : t.create(String(ready))) } : {}),
    close: plain(ready ? t.cancel : t.close),
    blocks,
  };
}

export function importSendingView(locale: Locale): ModalView {
  const t = importText[locale];
  return { type: "modal", callback_id: importCallbackIds.sending, title: plain(t.titleSending), close: plain(t.close), blocks: [section(t.sending)] };
}

/** The last view: the cases created (with thread links) and the lines left out. Lines arrive escaped. */
export function importDoneView(locale: Locale, created: string[], failed: string[], leftOut: string[]): ModalView {
  const t = importText[locale];
  const blocks: KnownBlock[] = [section(t.done(String(created.length))), ...groupedSections(created)];
  if (failed.length) blocks.push(...groupedSections(failed));
  if (leftOut.length) blocks.push(section(t.leftOut(String(leftOut.length))), ...groupedSections(leftOut));
  return { type: "modal", callback_id: importCallbackIds.done, title: plain(t.titleDone), close: plain(t.close), blocks };
}

/** A small view with one message (an import that expired). */
export function importMessageView(locale: Locale, text: string): ModalView {
  const t = importText[locale];
  return { type: "modal", callback_id: importCallbackIds.done, title: plain(t.title), close: plain(t.close), blocks: [section(text)] };
}
