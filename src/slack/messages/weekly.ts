import type { Catalog } from "./locale.js";

// The weekly overview and `/delegering oversikt`. Arguments are already escaped for mrkdwn.
const nb = {
  title: "Ukeoversikt",
  summaryTitle: "Oversikt",
  open: "Åpne saker per steg",
  none: "Ingen åpne saker.",
  more: "Flere åpne saker enn vist her: se alle med `/delegering liste`.",
  late: "Venter lenger enn vanlig",
  lateNone: "Ingen saker venter lenger enn vanlig.",
  lateLine: (line: string, days: string) => `${line} · median ${days} virkedager`,
  verified: "Verifisert siste sju dager",
  verifiedNone: "Ingen saker ble verifisert de siste sju dagene.",
  failed: "Klarte ikke å lage oversikten akkurat nå. Prøv igjen om litt.",
};

const en: typeof nb = {
  title: "Weekly overview",
  summaryTitle: "Overview",
  open: "Open cases by stage",
  none: "No open cases.",
  more: "More open cases than shown here: see them all with `/delegering list`.",
  late: "Waiting longer than usual",
  lateNone: "No case is waiting longer than usual.",
  lateLine: (line, days) => `${line} · median ${days} working days`,
  verified: "Verified in the last seven days",
  verifiedNone: "No case was verified in the last seven days.",
  failed: "Could not make the overview just now. Try again in a moment.",
};

export const weeklyText: Catalog<typeof nb> = { nb, en };
