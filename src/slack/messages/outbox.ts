import type { Catalog } from "./locale.js";

// The "Prøv igjen" button under a failed email.
const nb = {
  requeued: "E-posten er lagt i køen igjen. Tråden får vite hvordan det går.",
  nothingToRetry: (ref: string) => `Det er ingen e-post i ${ref} som venter på et nytt forsøk: den er allerede sendt, lagt i køen igjen eller saken er avbrutt.`,
};

const en: typeof nb = {
  requeued: "The email is queued again. The thread will hear how it goes.",
  nothingToRetry: (ref) => `No email in ${ref} is waiting for another try: it was already sent or queued again, or the case is cancelled.`,
};

export const outboxText: Catalog<typeof nb> = { nb, en };
