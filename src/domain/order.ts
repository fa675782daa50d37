import { z } from "zod";
import { codedEnum } from "./codedEnum.js";
import { emailSchema, orgNameSchema, personNameSchema, phoneSchema } from "./contact.js";
import { environmentSchema } from "./environments.js";
import { orgnrSchema } from "./orgnr.js";
import { isValidationCode, type ValidationCode } from "./validationMessages.js";

export { environmentSchema, type Environment } from "./environments.js";

export const customerAccessSchema = codedEnum(["confirmed", "pending"], "customer_access.invalid");
export type CustomerAccess = z.infer<typeof customerAccessSchema>;

// Keys are the modal's block_id/action_id values: the Slack layer hands the
// submitted state straight in and gets errors back keyed for response_action.
export const vendorPartSchema = z.object({
  environment: environmentSchema,
  vendor_orgnr: orgnrSchema,
  vendor_name: orgNameSchema,
  vendor_contact_name: personNameSchema,
  vendor_contact_email: emailSchema,
  vendor_contact_phone: phoneSchema,
});

export const customerPartSchema = z.object({
  customer_orgnr: orgnrSchema,
  customer_name: orgNameSchema,
  customer_contact_name: personNameSchema,
  customer_contact_email: emailSchema,
  customer_contact_phone: phoneSchema,
});

export const customerAccessPartSchema = z.object({
  customer_access: customerAccessSchema,
});

const sameAsVendor: ValidationCode = "orgnr.same_as_vendor";

// Step 2 of the modal knows the vendor from step 1, so it can catch the
// customer-equals-vendor mistake before the final review.
export function customerPartSchemaAgainst(vendorOrgnr: string) {
  return customerPartSchema.refine((c) => c.customer_orgnr !== vendorOrgnr, {
    error: sameAsVendor,
    path: ["customer_orgnr"],
  });
}

export const orderSchema = vendorPartSchema
  .extend(customerPartSchema.shape)
  .extend(customerAccessPartSchema.shape)
  .refine((o) => o.customer_orgnr !== o.vendor_orgnr, { error: sameAsVendor, path: ["customer_orgnr"] });

export type Order = z.infer<typeof orderSchema>;
export type OrderFieldId = keyof Order;
export const orderFieldIds = Object.keys(orderSchema.shape) as OrderFieldId[];

/** The vendor's own fields: all an order from a fictitious customer asks for. */
export const fictitiousVendorPartSchema = vendorPartSchema.omit({ environment: true });

/**
 * Delegation from a fictitious customer (DOMAIN.md): the vendor asks Brreg for a fictitious
 * company in TT02 and delegates from it to itself. Test only: production always needs a real
 * customer, so the environment is TT02 whatever a draft carries.
 */
export const fictitiousOrderSchema = fictitiousVendorPartSchema.extend({
  route: z.literal("fictitious"),
  environment: z.literal("tt02"),
});
export type FictitiousOrder = z.infer<typeof fictitiousOrderSchema>;

/** An order of either route: an existing customer's (no `route` field, as before) or a fictitious one. */
export type AnyOrder = Order | FictitiousOrder;
/** The vendor's part every order has (what the vendor profile keeps). */
export type VendorFields = Omit<FictitiousOrder, "route" | "environment">;

export function isFictitious(order: AnyOrder): order is FictitiousOrder {
  return "route" in order && order.route === "fictitious";
}

/** The customer access an order stands for: a fictitious company gets its scope from Brreg itself, so nothing waits on it. */
export function accessOf(order: AnyOrder): CustomerAccess {
  return isFictitious(order) ? "confirmed" : order.customer_access;
}

type FieldId<S extends z.ZodType> = Extract<keyof z.input<S>, string>;

export type FieldValidation<S extends z.ZodType> =
  | { ok: true; value: z.output<S> }
  | { ok: false; errors: Partial<Record<FieldId<S>, ValidationCode>> };

export function validateFields<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): FieldValidation<S> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const errors: Partial<Record<string, ValidationCode>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (typeof field !== "string" || field in errors) continue;
    errors[field] = isValidationCode(issue.message) ? issue.message : "field.invalid";
  }
  return { ok: false, errors };
}

/**
 * Step 2 of the order (the customer) checked against step 1's vendor number. The schema compares
 * the two numbers only once every field is valid; the same-number error is given in the same
 * round as the others, so the user does not fix the form twice.
 */
export function validateCustomerPart(raw: Record<string, unknown>, vendorOrgnr: string): FieldValidation<ReturnType<typeof customerPartSchemaAgainst>> {
  const result = validateFields(customerPartSchemaAgainst(vendorOrgnr), raw);
  if (result.ok || result.errors.customer_orgnr) return result;
  const orgnr = orgnrSchema.safeParse(raw.customer_orgnr);
  if (orgnr.success && orgnr.data === vendorOrgnr) return { ok: false, errors: { ...result.errors, customer_orgnr: sameAsVendor } };
  return result;
}
