import type { z } from "zod";
import { codedEnum } from "./codedEnum.js";

// Brreg's two routes to delegated access for a system vendor (DOMAIN.md): from an existing
// customer, or from a fictitious company Brreg creates in TT02 for the vendor to test with.
export const routes = ["existing", "fictitious"] as const;
export const routeSchema = codedEnum(routes, "route.invalid");
export type Route = z.infer<typeof routeSchema>;
