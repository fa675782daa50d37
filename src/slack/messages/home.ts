import type { Catalog } from "./locale.js";

// The App Home tab. Arguments are already escaped for mrkdwn.
const nb = {
  title: "Delegering",
  intro: "Saker der kunder delegerer tilgang til Brregs API for reelle rettighetshavere til oss.",
  newCase: "Ny sak",
  importCustomers: "Importer kunder",
  counts: "Åpne saker per steg",
  atLeast: (n: string) => `${n}+`,
  mine: "Mine åpne saker",
  mineEmpty: "Du har ingen åpne saker.",
  mineMore: "Du har flere åpne saker: se alle med `/delegering liste mine`.",
  team: "Teamets åpne saker",
  teamEmpty: "Teamet har ingen åpne saker.",
  teamNoMore: "Ingen flere saker på denne siden: de er lukket eller har gått videre. Gå til første side.",
  page: (page: string) => `Side ${page}`,
  next: "Neste side",
  first: "Første side",
  ownerNext: (owner: string, next: string) => `Eier: ${owner} · Neste: ${next}`,
  updated: (when: string) => `Oppdatert ${when}`,
  newCaseUnavailable: "Beklager, skjemaet for ny sak kunne ikke åpnes. Prøv `/delegering ny` i en kanal.",
  importUnavailable: "Beklager, importskjemaet kunne ikke åpnes. Prøv `/delegering import` i en kanal.",
};

const en: typeof nb = {
  title: "Delegering",
  intro: "Cases where customers delegate access to Brreg's beneficial-owners API to us.",
  newCase: "New case",
  importCustomers: "Import customers",
  counts: "Open cases by stage",
  atLeast: (n) => `${n}+`,
  mine: "My open cases",
  mineEmpty: "You have no open cases.",
  mineMore: "You have more open cases: see them all with `/delegering list mine`.",
  team: "The team's open cases",
  teamEmpty: "The team has no open cases.",
  teamNoMore: "No more cases on this page: they have been closed or moved on. Go to the first page.",
  page: (page) => `Page ${page}`,
  next: "Next page",
  first: "First page",
  ownerNext: (owner, next) => `Owner: ${owner} · Next: ${next}`,
  updated: (when) => `Updated ${when}`,
  newCaseUnavailable: "Sorry, the new-case form could not be opened. Try `/delegering new` in a channel.",
  importUnavailable: "Sorry, the import form could not be opened. Try `/delegering import` in a channel.",
};

export const homeText: Catalog<typeof nb> = { nb, en };
