import type { Catalog } from "./locale.js";

// `/delegering aktive` and its CSV export. Arguments are already escaped for mrkdwn by the caller.

const nb = {
  title: "Aktive delegeringer",
  totals: (verified: string, lost: string) => `${verified} verifisert${lost !== "0" ? `, ${lost} virker ikke lenger` : ""}.`,
  none: "Ingen delegeringer er verifisert ennå. Når Maskinporten gir token for en sak, står den her.",
  lostHeading: ":rotating_light: *Virker ikke lenger*",
  lastVerified: (at: string) => `sist verifisert ${at}`,
  neverVerified: "ikke verifisert av appen",
  lostSince: (at: string) => `virker ikke siden ${at}`,
  more: "Listen er kortet ned: eksporter CSV for alle.",
  exportButton: "Eksporter CSV",
  failed: "Klarte ikke å hente de aktive delegeringene. Prøv igjen om litt.",
  fileName: "aktive-delegeringer.csv",
  exportComment: (count: number) => `Aktive delegeringer (${count}): orgnr, navn, miljø, scope, steg, verifisert siden og sist verifisert.`,
  exportDone: "CSV-filen med de aktive delegeringene ligger i direktemeldingen fra appen.",
  exportFailed: "Klarte ikke å laste opp CSV-filen. Prøv igjen om litt.",
  homeLive: (tt02: string, production: string) => `Aktive delegeringer: TT02 *${tt02}* · produksjon *${production}*`,
  homeLost: (line: string) => `:rotating_light: ${line}`,
  homeLostMore: "Flere virker ikke lenger: se `/delegering aktive`.",
};

const en: typeof nb = {
  title: "Live delegations",
  totals: (verified, lost) => `${verified} verified${lost !== "0" ? `, ${lost} no longer working` : ""}.`,
  none: "No delegation is verified yet. Once Maskinporten issues a token for a case, it is listed here.",
  lostHeading: ":rotating_light: *No longer working*",
  lastVerified: (at) => `last verified ${at}`,
  neverVerified: "not verified by the app",
  lostSince: (at) => `not working since ${at}`,
  more: "The list is cut short: export the CSV for all of them.",
  exportButton: "Export CSV",
  failed: "Could not read the live delegations. Try again in a while.",
  fileName: "live-delegations.csv",
  exportComment: (count) => `Live delegations (${count}): org number, name, environment, scope, stage, verified since and last verified.`,
  exportDone: "The CSV file of the live delegations is in the app's direct message.",
  exportFailed: "Could not upload the CSV file. Try again in a while.",
  homeLive: (tt02, production) => `Live delegations: TT02 *${tt02}* · production *${production}*`,
  homeLost: (line) => `:rotating_light: ${line}`,
  homeLostMore: "More no longer work: see `/delegering active`.",
};

export const activeText: Catalog<typeof nb> = { nb, en };
