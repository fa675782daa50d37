import type { CaseRecord } from "../domain/caseRecord.js";
import { environmentInfo } from "../domain/environments.js";
import { advanceCase } from "./cases.js";
import { loginSentToDetail } from "../domain/personalData.js";
import type { Services } from "./services.js";


export type ConfirmVia =
  | { kind: "mail"; inboundId: number; matchedBy: string; recipients: string[] }
  | { kind: "button"; actor: string }
  | { kind: "link_mail"; inboundId: number; actor: string };

/**
 * Brreg's confirmation, whichever way it arrives (its mail in the watched mailbox, the "Brreg har
 * bekreftet" button, a person linking Brreg's mail to the case): awaiting_brreg →
 * awaiting_delegation, and the owner gets the guidance. The one place this move is made.
 */
export function confirmFromBrreg(svc: Services, c: Pick<CaseRecord, "reference" | "environment">, via: ConfirmVia) {
  const actor = via.kind === "mail" ? "mail" : via.actor;
  const details: Record<string, string | number> =
    via.kind === "mail"
      ? { via: "mail", matchedBy: via.matchedBy, inboundMailId: via.inboundId }
      : via.kind === "link_mail"
        ? { via: "link_mail", inboundMailId: via.inboundId }
        : { via: "button" };
  // Brreg mails the fictitious person's login in TT02 only; its recipients say where it went.
  // A linked mail's recipients are not kept (only subject, sender and Message-ID are), so the
  // guidance then says the login is in Brreg's email without naming where it went.
  const loginSentTo = via.kind === "mail" && environmentInfo[c.environment].brregPrepares ? via.recipients : [];
  // Kept on the case with the move, so «Send til kunden» later says the same about the login as
  // the DM; the event records it in the case's history.
  if (loginSentTo.length > 0) details[loginSentToDetail] = loginSentTo.join(",");
  return advanceCase(
    svc,
    { reference: c.reference, to: "awaiting_delegation", from: "awaiting_brreg", actor, set: { loginSentTo }, details },
    { kind: "brreg_confirmed", loginSentTo, viaMail: via.kind === "mail", actor },
  );
}
