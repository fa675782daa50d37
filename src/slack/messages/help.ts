import type { Catalog } from "./locale.js";

const nb = {
  title: "Delegering – hjelp",
  intro:
    "Delegering følger saken når en kunde skal delegere tilgang til Brønnøysundregistrenes API for reelle rettighetshavere til oss: bestillingen til Brreg, svaret fra Brreg, delegeringen i Altinn og scopet kunden har.",
  commands: [
    [
      "`/delegering ny`",
      "Start en ny sak: først veien, så miljø, våre data, kunden og kontaktpersonen, og e-posten til Brreg. Uten kunde ennå? Velg fiktiv kunde (bare TT02): Brreg oppretter en fiktiv virksomhet, og dere delegerer fra den til dere selv for å teste integrasjonen.",
      "`/delegering ny`",
    ],
    [
      "`/delegering status <sak|orgnr|navn>`",
      "Vis hvor en sak står, hvor lenge den har stått der, hva som skal skje nå og de siste hendelsene. Søk på saksnummer, organisasjonsnummer eller begynnelsen av ord i kundens navn.",
      "`/delegering status DLG-12` · `/delegering status 920 012 345` · `/delegering status nordlys`",
    ],
    ["`/delegering liste [mine|alle|venter]`", "Åpne saker gruppert etter steg, eldste først: `mine` dine, `alle` teamets (standard), `venter` de som venter på Brreg eller kunden.", "`/delegering liste mine`"],
    [
      "`/delegering import`",
      "Mange kunder på én gang: miljø, kundetilgang og våre data for alle, og en liste limt inn fra et regneark eller en CSV-fil (høyst 50 linjer). Hver kunde får sin egen sak.",
      "`/delegering import`",
    ],
    [
      "`/delegering aktive`",
      "Alle delegeringer som virker, og de som har sluttet å virke (de først), per miljø og scope, med når de sist ble verifisert; knappen gir listen som CSV til integrasjonsoppsettet deres.",
      "`/delegering aktive`",
    ],
    ["`/delegering oversikt`", "Åpne saker per steg, saker som venter lenger enn vanlig, og hva som ble verifisert siste uke. Kommer også i sakskanalen hver mandag.", "`/delegering oversikt`"],
    ["`/delegering hjelp`", "Denne hjelpeteksten.", "`/delegering hjelp`"],
  ] as ReadonlyArray<readonly [string, string, string]>,
  example: "Eksempel",
  aliases: "Engelske navn virker også: `new`, `list`, `bulk`, `active`, `summary`, `help`.",
  unknown: (sub: string) => `Kjenner ikke underkommandoen \`${sub}\`. Her er det du kan gjøre:`,
};

const en: typeof nb = {
  title: "Delegering – help",
  intro:
    "Delegering follows the case when a customer is to delegate access to Brønnøysundregistrene's beneficial-owners API to us: the order to Brreg, Brreg's reply, the delegation in Altinn and the scope the customer holds.",
  commands: [
    [
      "`/delegering new`",
      "Start a new case: first the route, then environment, our details, the customer and its contact, and the email to Brreg. No customer yet? Choose fictitious customer (TT02 only): Brreg creates a fictitious company, and you delegate from it to yourselves to test the integration.",
      "`/delegering new`",
    ],
    [
      "`/delegering status <case|org no.|name>`",
      "Show where a case stands, for how long, what happens next and its latest events. Search by case reference, organisation number or the start of words in the customer's name.",
      "`/delegering status DLG-12` · `/delegering status 920 012 345` · `/delegering status nordlys`",
    ],
    ["`/delegering list [mine|all|waiting]`", "Open cases grouped by stage, oldest first: `mine` yours, `all` the team's (default), `waiting` those waiting for Brreg or the customer.", "`/delegering list mine`"],
    [
      "`/delegering import`",
      "Many customers at once: environment, customer access and our details for all, and a list pasted from a spreadsheet or a CSV file (50 lines at most). Each customer gets its own case.",
      "`/delegering bulk`",
    ],
    [
      "`/delegering active`",
      "Every delegation that works, and those that stopped working (first), by environment and scope, with when each was last verified; the button gives the list as CSV for your integration settings.",
      "`/delegering active`",
    ],
    ["`/delegering summary`", "Open cases by stage, cases waiting longer than usual, and what was verified in the last week. Also posted in the case channel every Monday.", "`/delegering summary`"],
    ["`/delegering help`", "This help text.", "`/delegering help`"],
  ],
  example: "Example",
  aliases: "The Norwegian names work too: `ny`, `liste`, `import`, `aktive`, `oversikt`, `hjelp`, `alle`, `venter`.",
  unknown: (sub: string) => `Unknown subcommand \`${sub}\`. Here is what you can do:`,
};

export const helpText: Catalog<typeof nb> = { nb, en };
