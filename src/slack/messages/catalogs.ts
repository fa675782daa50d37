import { caseText } from "./cases.js";
import { customerMailText } from "./customerMail.js";
import { delegationPollText } from "./delegationPolling.js";
import { followupText } from "./followup.js";
import { helpText } from "./help.js";
import { homeText } from "./home.js";
import { inboxText } from "./inbox.js";
import { intakeText } from "./intake.js";
import { maskinportenText } from "./maskinporten.js";
import { noticeText } from "./notices.js";
import { outboxText } from "./outbox.js";
import { permissionText } from "./permissions.js";
import { statusText } from "./status.js";

/** Every catalog of user-facing text; a test checks each is complete in both languages. */
export const catalogs = {
  help: helpText,
  cases: caseText,
  followup: followupText,
  intake: intakeText,
  outbox: outboxText,
  status: statusText,
  home: homeText,
  permissions: permissionText,
  inbox: inboxText,
  maskinporten: maskinportenText,
  customerMail: customerMailText,
  delegationPoll: delegationPollText,
  notices: noticeText,
} as const;
