import type { CaseRecord } from "../domain/caseRecord.js";
import type { AnyOrder } from "../domain/order.js";
import { openCase } from "./cases.js";
import { linkProduction } from "./production.js";
import { rememberVendor } from "./vendorProfiles.js";
import type { Services } from "./services.js";

export interface OrderPlacement {
  order: AnyOrder;
  workspaceId: string;
  ownerUserId: string;
  /** the same for every delivery of one submission, so they all find one case */
  creationKey: string;
  /** «Start produksjon»: the TT02 case this production case continues */
  origin?: string | undefined;
}

export interface PlacedOrder {
  case: CaseRecord;
  /** false when an earlier delivery of the same submission created it */
  created: boolean;
}

/**
 * Send in the order modal: opens the case (once per creation key), links it to the TT02 case it
 * continues, and keeps the vendor's details for the next order's prefill. Only opening the case
 * can fail the order; the link and the prefill are logged when they fail.
 */
export async function placeOrder(svc: Services, placement: OrderPlacement): Promise<PlacedOrder> {
  const { rt } = svc;
  const { order, workspaceId, ownerUserId, creationKey, origin } = placement;
  const result = await openCase(svc, { order, workspaceId, ownerUserId, creationKey });
  if (origin) {
    await linkProduction(svc, origin, result.case).catch((error: unknown) =>
      rt.logger.error(`could not link ${result.case.reference} to ${origin}: ${String(error)}`),
    );
  }
  // Saved only on Send, so an abandoned modal changes nothing; a failure here costs the next
  // order its prefill, never this case.
  await rememberVendor(svc, workspaceId, order).catch((error: unknown) => rt.logger.warn(`could not save the vendor profile of ${workspaceId}: ${String(error)}`));
  return { case: result.case, created: result.created };
}
