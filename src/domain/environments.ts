import type { z } from "zod";
import { codedEnum } from "./codedEnum.js";

export const environments = ["tt02", "production"] as const;
export const environmentSchema = codedEnum(environments, "environment.invalid");
export type Environment = z.infer<typeof environmentSchema>;

export type EnvironmentInfo = {
  altinnHost: string;
  altinnUrl: string;
  /** Altinn 3's «Maskinportenadministrasjon» page, where the customer grants API access (Altinn II closed June 2026). */
  altinnMaskinportenUrl: string;
  maskinportenAudience: string;
  maskinportenTokenEndpoint: string;
  rrhApiHost: string;
  rrhApiBaseUrl: string;
  /** Brreg loads both organisations into TT02 and creates a fictitious person (step 4). */
  brregPrepares: boolean;
  label: { nb: string; en: string };
};

export const environmentInfo: Record<Environment, EnvironmentInfo> = {
  tt02: {
    altinnHost: "tt02.altinn.no",
    altinnUrl: "https://tt02.altinn.no",
    altinnMaskinportenUrl: "https://am.ui.tt02.altinn.no/accessmanagement/ui/maskinporten",
    maskinportenAudience: "https://test.maskinporten.no/",
    maskinportenTokenEndpoint: "https://test.maskinporten.no/token",
    rrhApiHost: "rrh.ppe.brreg.no",
    rrhApiBaseUrl: "https://rrh.ppe.brreg.no/api/oppslag",
    brregPrepares: true,
    label: { nb: "TT02 (test)", en: "TT02 (test)" },
  },
  production: {
    altinnHost: "altinn.no",
    altinnUrl: "https://altinn.no",
    altinnMaskinportenUrl: "https://am.ui.altinn.no/accessmanagement/ui/maskinporten",
    maskinportenAudience: "https://maskinporten.no/",
    maskinportenTokenEndpoint: "https://maskinporten.no/token",
    rrhApiHost: "rrh.brreg.no",
    rrhApiBaseUrl: "https://rrh.brreg.no/api/oppslag",
    brregPrepares: false,
    label: { nb: "Produksjon", en: "Production" },
  },
};
