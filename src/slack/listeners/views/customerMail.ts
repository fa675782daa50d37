import type { App, ViewResponseAction } from "@slack/bolt";
import { emailSchema } from "../../../domain/contact.js";
import { customerMailNoteSchema } from "../../../domain/customerEmail.js";
import { stageLabel } from "../../../domain/stages.js";
import { isValidationCode, validationMessages } from "../../../domain/validationMessages.js";
import { findCase } from "../../../service/cases.js";
import { customerDomainOf, customerMailKindFor, queueCustomerMail, recipientAllowed, type QueueCustomerMailResult } from "../../../service/customerMail.js";
import type { Services } from "../../../service/services.js";
import { customerMailText } from "../../messages/customerMail.js";
import { formatDateTime } from "../../messages/format.js";
import type { Locale } from "../../messages/locale.js";
import { escapeMrkdwn } from "../../mrkdwn.js";
import { customerMailCallbackId, customerMailFields, customerMailNoticeModal, otherDomainValue, parseCustomerMailMetadata } from "../../views/customerMailModal.js";
import { answer } from "../../respond.js";
import { onSubmission } from "./onSubmission.js";
import { fieldOf } from "./viewSubmission.js";

function fieldError(issues: ReadonlyArray<{ message: string }>, locale: Locale): string {
  const code = issues[0]?.message;
  return isValidationCode(code) ? validationMessages[code][locale] : validationMessages["field.invalid"][locale];
}

/**
 * Send in the «Send til kunden» modal: the address (on the customer's domain unless "another
 * domain" is ticked) and the note are checked (field errors), then
 * the e-mail is queued in the outbox under the case's lock; the outbox worker sends it and tells
 * the thread. The modal's id makes a double submission one e-mail.
 */
export function registerCustomerMailSubmission(app: App, svc: Services): void {
  const { rt } = svc;
  const notFound = (reference: string): ViewResponseAction => ({
    response_action: "update",
    view: customerMailNoticeModal(customerMailText[rt.config.locale].notFound(escapeMrkdwn(reference)), rt.config.locale),
  });
  onSubmission(app, rt, customerMailCallbackId, "changes", {
    unreadable: () => ({ response: notFound("–") }),
    handle: async (s, client) => {
      const locale = rt.config.locale;
      const m = customerMailText[locale];
      const meta = parseCustomerMailMetadata(s.view.private_metadata);
      const c = meta ? await findCase(svc, meta.reference).catch(() => null) : null;
      if (!meta || !c) return { response: notFound(meta?.reference ?? "–") };
      const to = emailSchema.safeParse(fieldOf(s, customerMailFields.to)?.value ?? "");
      const note = customerMailNoteSchema.safeParse(fieldOf(s, customerMailFields.note)?.value ?? null);
      const otherDomain = fieldOf(s, customerMailFields.otherDomain)?.selected_options?.some((o) => o.value === otherDomainValue) ?? false;
      const errors: Record<string, string> = {};
      if (!to.success) errors[customerMailFields.to] = fieldError(to.error.issues, locale);
      else if (!recipientAllowed(c, to.data, otherDomain)) errors[customerMailFields.to] = m.otherDomainError(customerDomainOf(c));
      if (!note.success) errors[customerMailFields.note] = fieldError(note.error.issues, locale);
      if (!to.success || !note.success || Object.keys(errors).length > 0) return { response: { response_action: "errors", errors } };
      if (customerMailKindFor(c.stage) !== meta.kind) {
        return { response: { response_action: "update", view: customerMailNoticeModal(m.nothingToSend(c.reference, stageLabel[c.stage][locale]), locale) } };
      }
      return {
        after: async () => {
          const actor = s.user.id;
          try {
            const result = await queueCustomerMail(svc, { reference: c.reference, kind: meta.kind, to: to.data, note: note.data, otherDomain, actor, requestKey: s.view.id });
            await answer(rt, client, { userId: actor, c: result.status === "not_found" ? c : result.case }, answerText(result, c.reference, locale, !rt.config.mail.smtpUrl));
          } catch (error) {
            rt.logger.error(`e-mail to the customer of ${c.reference} failed: ${String(error)}`);
            await answer(rt, client, { userId: actor, c }, m.failed);
          }
        },
      };
    },
  });
}

function answerText(result: QueueCustomerMailResult, reference: string, locale: Locale, preview: boolean): string {
  const m = customerMailText[locale];
  switch (result.status) {
    case "queued":
      return (preview ? m.queuedPreview : m.queued)(reference, escapeMrkdwn(result.to));
    case "duplicate":
      return m.duplicate(reference);
    case "recent":
      return m.recent(reference, formatDateTime(result.queuedAt, locale));
    case "stale":
      return m.nothingToSend(reference, stageLabel[result.case.stage][locale]);
    case "other_domain":
      return m.otherDomainError(escapeMrkdwn(result.domain));
    case "limited":
      return m.limited(result.limit, formatDateTime(result.until, locale));
    case "not_found":
      return m.notFound(reference);
  }
}
