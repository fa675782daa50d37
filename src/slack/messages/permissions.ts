import type { Catalog } from "./locale.js";

const nb = {
  refused:
    "Beklager, bare medlemmer av brukergruppen som følger opp delegeringer kan opprette, endre eller avbryte saker. Du kan fortsatt se hvor sakene står med `/delegering status` og `/delegering liste`. Spør en i gruppen om du trenger tilgang.",
  unchecked: "Beklager, jeg fikk ikke sjekket om du er med i brukergruppen som kan endre saker. Prøv igjen om litt.",
  title: "Ikke tilgang",
  close: "Lukk",
};

const en: typeof nb = {
  refused:
    "Sorry, only members of the user group that handles delegations can create, change or cancel cases. You can still see where cases stand with `/delegering status` and `/delegering list`. Ask someone in the group if you need access.",
  unchecked: "Sorry, I could not check whether you belong to the user group that may change cases. Please try again in a moment.",
  title: "No access",
  close: "Close",
};

export const permissionText: Catalog<typeof nb> = { nb, en };
