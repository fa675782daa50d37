import type { KnownBlock, ModalView } from "@slack/types";
import { isFictitious, type AnyOrder } from "../../domain/order.js";
import { composeOrderEmail } from "../../domain/orderEmail.js";
import { formatOrgnr } from "../../domain/orgnr.js";
import type { RegisterAnswer } from "../../service/registerChecks.js";
import { intakeText } from "../messages/intake.js";
import type { Locale } from "../messages/locale.js";
import { escapeMrkdwn } from "../mrkdwn.js";
import { codeBlocks } from "./codeBlocks.js";
import { backButton, orderCallbackIds, stepTitle } from "./orderModal.js";
import { encodeDraft, type OrderDraft } from "./orderModalDraft.js";
import { plain, section } from "./blocks.js";

/** A register answer, or "checking" while the lookup is still under way. */
export type RegisterView = RegisterAnswer | "checking";

export interface ReviewInput {
  order: AnyOrder;
  draft: OrderDraft;
  vendor: RegisterView;
  /** null: no customer to look up (a fictitious customer is Brreg's to create) */
  customer: RegisterView | null;
  /** preview: no SMTP_URL, so the email is only written as a file, never sent */
  mail: { to: string; cc: string[]; preview: boolean };
  /** shown on top when an earlier Send failed */
  error?: string | undefined;
}

// The case number is assigned on Send; the composer insists on a DLG-<n> reference, so the
// preview uses one no case can have and shows it as "DLG-…".
const placeholderReference = "DLG-0";
const placeholderPattern = /DLG-0(?!\d)/g;


function registerLines(locale: Locale, role: string, orgnr: string, typed: string, answer: RegisterView): string {
  const m = intakeText[locale];
  if (answer === "checking") return `${m.registerLine(role, formatOrgnr(orgnr), escapeMrkdwn(typed), m.registerChecking)}`;
  const name = "name" in answer && answer.name ? escapeMrkdwn(answer.name) : m.registerNoName;
  return `${m.registerLine(role, formatOrgnr(orgnr), escapeMrkdwn(typed), name)}\n${registerStatusText(locale, answer)}`;
}

/** What a register answer means for the order: "Aktiv." or a warning (also used by the import's review). */
export function registerStatusText(locale: Locale, answer: RegisterAnswer): string {
  const m = intakeText[locale];
  return {
    active: m.registerActive,
    bankrupt: m.registerBankrupt,
    liquidation: m.registerLiquidation,
    deleted: m.registerDeleted,
    unknown: m.registerUnknown,
    unavailable: m.registerUnavailable,
  }[answer.status];
}

/** True when the view still waits for a lookup (then it is updated once the answers are in). */
export function isChecking(input: Pick<ReviewInput, "vendor" | "customer">): boolean {
  return input.vendor === "checking" || input.customer === "checking";
}

/** Step 4: the register check beside what was typed, and the exact email to Brreg. */
export function reviewStepView(locale: Locale, input: ReviewInput): ModalView {
  const m = intakeText[locale];
  const { order } = input;
  const email = composeOrderEmail({ reference: placeholderReference, order });
  const subject = email.subject.replace(placeholderPattern, "DLG-…");
  const text = email.text.replace(placeholderPattern, "DLG-…");
  const pending = !isFictitious(order) && order.customer_access === "pending";
  const customer = !isFictitious(order) && input.customer ? [section(registerLines(locale, m.roleCustomer, order.customer_orgnr, order.customer_name, input.customer))] : [];
  const blocks: KnownBlock[] = [];
  if (input.error) blocks.push(section(`:x: ${input.error}`));
  blocks.push(
    section(m.registerHeading),
    section(registerLines(locale, m.roleVendor, order.vendor_orgnr, order.vendor_name, input.vendor)),
    ...customer,
    { type: "context", elements: [{ type: "mrkdwn", text: m.registerNote }] },
    { type: "divider" },
    section(
      pending
        ? input.mail.preview
          ? m.reviewIntroPendingPreview
          : m.reviewIntroPending
        : input.mail.preview
          ? m.reviewIntroPreview
          : m.reviewIntroConfirmed,
    ),
    section(
      [m.emailTo(escapeMrkdwn(input.mail.to)), ...(input.mail.cc.length ? [m.emailCc(input.mail.cc.map(escapeMrkdwn).join(", "))] : []), m.emailSubject(escapeMrkdwn(subject))].join(
        "\n",
      ),
    ),
    ...codeBlocks(text),
    { type: "context", elements: [{ type: "mrkdwn", text: m.referenceNote }] },
    backButton(locale),
  );
  return {
    type: "modal",
    callback_id: orderCallbackIds.review,
    title: plain(stepTitle("review", input.draft.route, locale)),
    submit: plain(pending || input.mail.preview ? m.createCase : m.send),
    close: plain(m.cancel),
    private_metadata: encodeDraft(input.draft),
    blocks,
  };
}
