import type { Catalog } from "./locale.js";

// «Start produksjon»: a TT02 case and the production case started from it. References are safe as is.
const nb = {
  linkedProduction: (ref: string) => `:rocket: Produksjonssaken *${ref}* er startet fra denne testsaken.`,
  linkedTest: (ref: string) => `:link: Startet fra testsaken *${ref}* (TT02).`,
  pairedProduction: "Produksjonssak",
  pairedTest: "Testsak (TT02)",
  notAvailable: (ref: string) => `${ref} kan ikke starte produksjon: bare en TT02-sak som er fullført eller verifisert, kan det.`,
  openFailed: "Klarte ikke å åpne skjemaet for produksjonssaken. Prøv igjen.",
  alreadyStarted: (ref: string, production: string) => `Produksjonen er allerede startet fra ${ref}: se *${production}*.`,
  needsRealCustomer: (ref: string) =>
    `${ref} er en sak med fiktiv kunde, som bare finnes i TT02: produksjon krever alltid en ekte kunde. Trykk «Ny sak med ekte kunde» for å bestille delegering fra en kunde.`,
};

const en: typeof nb = {
  linkedProduction: (ref) => `:rocket: The production case *${ref}* was started from this test case.`,
  linkedTest: (ref) => `:link: Started from the test case *${ref}* (TT02).`,
  pairedProduction: "Production case",
  pairedTest: "Test case (TT02)",
  notAvailable: (ref) => `${ref} cannot start production: only a TT02 case that is completed or verified can.`,
  openFailed: "Could not open the form for the production case. Try again.",
  alreadyStarted: (ref, production) => `Production was already started from ${ref}: see *${production}*.`,
  needsRealCustomer: (ref) =>
    `${ref} is a fictitious-customer case, which exists in TT02 only: production always needs a real customer. Press “New case, real customer” to order delegation from a customer.`,
};

export const productionText: Catalog<typeof nb> = { nb, en };
