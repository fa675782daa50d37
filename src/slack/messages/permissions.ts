import type { Catalog } from "./locale.js";

const nb = {
  refused:
    "Beklager, bare medlemmer av brukergruppen som følger opp delegeringer kan opprette, endre eller avbryte saker, sende e-post til kunden og eksportere hendelser. Du kan fortsatt se hvor sakene står med `/delegering status` og `/delegering liste`. Spør en i gruppen om du trenger tilgang.",
  unchecked: "Beklager, jeg fikk ikke sjekket om du er med i brukergruppen som kan endre saker. Prøv igjen om litt.",
  guest:
    "Beklager, gjester i arbeidsområdet kan ikke opprette, endre eller avbryte saker, sende e-post til kunden eller eksportere hendelser. Du kan fortsatt se hvor sakene står med `/delegering status` og `/delegering liste`.",
  guestUnchecked: "Beklager, jeg fikk ikke sjekket hos Slack om du er medlem eller gjest i arbeidsområdet, og gjester kan ikke endre saker. Ingenting er gjort. Prøv igjen om litt.",
  title: "Ikke tilgang",
  close: "Lukk",
};

const en: typeof nb = {
  refused:
    "Sorry, only members of the user group that handles delegations can create, change or cancel cases, e-mail the customer and export events. You can still see where cases stand with `/delegering status` and `/delegering list`. Ask someone in the group if you need access.",
  unchecked: "Sorry, I could not check whether you belong to the user group that may change cases. Please try again in a moment.",
  guest:
    "Sorry, guests in the workspace cannot create, change or cancel cases, e-mail the customer or export events. You can still see where cases stand with `/delegering status` and `/delegering list`.",
  guestUnchecked: "Sorry, I could not ask Slack whether you are a member or a guest of the workspace, and guests cannot change cases. Nothing was done. Please try again in a moment.",
  title: "No access",
  close: "Close",
};

export const permissionText: Catalog<typeof nb> = { nb, en };
