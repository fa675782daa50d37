import type { VendorProfile } from "../generated/prisma/client.js";
import type { VendorFields } from "../domain/order.js";
import type { Db } from "./db.js";

export type { VendorProfile };

/** The vendor's own data as an order's fields, or null when the workspace never sent one. */
export async function findVendorProfile(db: Db, workspaceId: string): Promise<VendorProfile | null> {
  return db.vendorProfile.findUnique({ where: { workspaceId } });
}

/** Remembers the vendor part of a sent order so the next order starts with it; `now` is when it was last used. */
export async function saveVendorProfile(db: Db, workspaceId: string, order: VendorFields, now: Date): Promise<void> {
  const data = {
    updatedAt: now,
    orgnr: order.vendor_orgnr,
    name: order.vendor_name,
    contactName: order.vendor_contact_name,
    contactEmail: order.vendor_contact_email,
    contactPhone: order.vendor_contact_phone,
  };
  await db.vendorProfile.upsert({ where: { workspaceId }, create: { workspaceId, ...data }, update: data });
}

/** Drops the profiles no order has been sent with since `before` (each send saves its profile); returns how many. */
export async function dropUnusedVendorProfiles(db: Db, before: Date): Promise<number> {
  const { count } = await db.vendorProfile.deleteMany({ where: { updatedAt: { lt: before } } });
  return count;
}
