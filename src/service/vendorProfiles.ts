import type { VendorFields } from "../domain/order.js";
import { saveVendorProfile } from "../store/vendorProfiles.js";
import type { Services } from "./services.js";

/** Remembers the vendor part of a sent order so the next order starts with it. */
export function rememberVendor(svc: Services, workspaceId: string, order: VendorFields): Promise<void> {
  return saveVendorProfile(svc.rt.db, workspaceId, order, svc.rt.now());
}
