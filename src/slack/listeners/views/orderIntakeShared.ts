import type { ModalView } from "@slack/types";
import type { AnyOrder } from "../../../domain/order.js";
import type { ValidationCode } from "../../../domain/validationMessages.js";
import type { OrderRegisterChecks } from "../../../service/registerChecks.js";
import type { Services } from "../../../service/services.js";
import type { OrderDraft } from "../../views/orderModalDraft.js";
import type { SubmittedView } from "./viewSubmission.js";

/**
 * What the order modal's listeners share: the services and the register lookups of each modal
 * session. Built by registerOrderIntake (orderIntake.ts), which registers the listeners that
 * take it; a module of its own so that they need not import the module that imports them.
 */
export interface OrderIntake {
  svc: Services;
  checks: OrderRegisterChecks;
  /** the review (step 4) as the register answers stand now */
  review(view: SubmittedView, order: AnyOrder, draft: OrderDraft, error?: string): { view: ModalView; checking: boolean };
  /** a step's field errors in the configured language */
  localize(errors: Partial<Record<string, ValidationCode>>): Record<string, string>;
}
