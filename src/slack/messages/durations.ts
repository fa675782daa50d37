import type { Catalog } from "./locale.js";

// How long things take (medians from the event log). Sentences come from domain/durations.ts.
const nb = {
  heading: "Hvor lang tid det tar",
  longer: (sentence: string) => `:hourglass: Denne saken har ventet lenger enn vanlig. ${sentence}.`,
  longerShort: "venter lenger enn vanlig",
};

const en: typeof nb = {
  heading: "How long it takes",
  longer: (sentence) => `:hourglass: This case has waited longer than usual. ${sentence}.`,
  longerShort: "waiting longer than usual",
};

export const durationText: Catalog<typeof nb> = { nb, en };
