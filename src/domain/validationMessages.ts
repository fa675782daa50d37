// Schemas report these codes instead of prose so that the Slack layer can
// answer in the user's language and tests can assert on something stable.
export const validationCodes = [
  "field.required",
  "field.invalid",
  "orgnr.format",
  "orgnr.checksum",
  "orgnr.same_as_vendor",
  "name.length",
  "name.control",
  "text.identity_number",
  "email.invalid",
  "email.too_long",
  "phone.invalid",
  "phone.foreign_needs_plus",
  "environment.invalid",
  "customer_access.invalid",
  "route.invalid",
  "fictitious.same_as_vendor",
  "scope.invalid",
  "import.fields",
  "import.duplicate_orgnr",
  "note.too_long",
  "note.control",
  "note.identity_number",
] as const;

export type ValidationCode = (typeof validationCodes)[number];

export function isValidationCode(value: unknown): value is ValidationCode {
  return typeof value === "string" && (validationCodes as readonly string[]).includes(value);
}

export const validationMessages: Record<ValidationCode, { nb: string; en: string }> = {
  "field.required": {
    nb: "Feltet må fylles ut.",
    en: "This field is required.",
  },
  "field.invalid": {
    nb: "Verdien er ikke gyldig.",
    en: "The value is not valid.",
  },
  "orgnr.format": {
    nb: "Organisasjonsnummeret må ha 9 siffer.",
    en: "The organisation number must have 9 digits.",
  },
  "orgnr.checksum": {
    nb: "Organisasjonsnummeret er ikke gyldig (kontrollsifferet stemmer ikke). Sjekk at alle sifrene er riktige.",
    en: "The organisation number is not valid (the check digit does not match). Check that every digit is right.",
  },
  "orgnr.same_as_vendor": {
    nb: "Kunden kan ikke ha samme organisasjonsnummer som systemleverandøren.",
    en: "The customer cannot have the same organisation number as the system vendor.",
  },
  "name.length": {
    nb: "Navnet må ha mellom 2 og 200 tegn.",
    en: "The name must be between 2 and 200 characters long.",
  },
  "name.control": {
    nb: "Navnet kan ikke inneholde linjeskift, tabulator eller andre kontrolltegn.",
    en: "The name cannot contain line breaks, tabs or other control characters.",
  },
  "text.identity_number": {
    nb: "Skriv ikke fødselsnummer her: feltet lagres i saken og står i e-posten til Brreg.",
    en: "Do not put a national identity number here: the field is stored in the case and goes into the email to Brreg.",
  },
  "email.invalid": {
    nb: "Skriv inn en gyldig e-postadresse, for eksempel navn@firma.no.",
    en: "Enter a valid email address, for example name@company.com.",
  },
  "email.too_long": {
    nb: "E-postadressen kan ha høyst 254 tegn.",
    en: "The email address can have at most 254 characters.",
  },
  "phone.invalid": {
    nb: "Skriv inn et norsk telefonnummer med 8 siffer (for eksempel 912 34 567) eller et utenlandsk nummer med landskode (for eksempel +46 70 123 45 67).",
    en: "Enter a Norwegian phone number with 8 digits (for example 912 34 567) or a foreign number with its country code (for example +46 70 123 45 67).",
  },
  "phone.foreign_needs_plus": {
    nb: "Skriv utenlandske telefonnumre med + foran landskoden, for eksempel +46 70 123 45 67 i stedet for 0046 70 123 45 67.",
    en: "Write foreign phone numbers with + before the country code, for example +46 70 123 45 67 instead of 0046 70 123 45 67.",
  },
  "environment.invalid": {
    nb: "Velg miljø: TT02 (test) eller produksjon.",
    en: "Choose an environment: TT02 (test) or production.",
  },
  "customer_access.invalid": {
    nb: "Svar på om kunden allerede har fått bekreftet tilgang fra Brreg.",
    en: "Say whether the customer has already had its access confirmed by Brreg.",
  },
  "route.invalid": {
    nb: "Velg vei: delegering fra en eksisterende kunde eller fra en fiktiv kunde i TT02.",
    en: "Choose a route: delegation from an existing customer or from a fictitious customer in TT02.",
  },
  "fictitious.same_as_vendor": {
    nb: "Dette er deres eget organisasjonsnummer. Skriv organisasjonsnummeret til den fiktive virksomheten Brreg har opprettet.",
    en: "This is your own organisation number. Enter the organisation number of the fictitious company Brreg created.",
  },
  "scope.invalid": {
    nb: "Velg et av scopene brreg:reelle/….",
    en: "Choose one of the brreg:reelle/… scopes.",
  },
  "import.fields": {
    nb: "Linjen må ha fem felt i denne rekkefølgen: organisasjonsnummer; navn; kontaktperson; e-post; telefon (skilt med semikolon eller tabulator).",
    en: "The line must have five fields in this order: organisation number; name; contact name; email; phone (separated by semicolons or tabs).",
  },
  "import.duplicate_orgnr": {
    nb: "Organisasjonsnummeret står allerede på en linje lenger opp i listen.",
    en: "The organisation number is already on a line further up in the list.",
  },
  "note.too_long": {
    nb: "Meldingen til kunden kan ha høyst 1000 tegn.",
    en: "The message to the customer can have at most 1000 characters.",
  },
  "note.control": {
    nb: "Meldingen til kunden kan ha linjeskift, men ikke tabulator eller andre kontrolltegn.",
    en: "The message to the customer may have line breaks, but no tabs or other control characters.",
  },
  "note.identity_number": {
    nb: "Skriv ikke fødselsnummer i meldingen: den sendes på e-post til kunden. Gi innloggingen til den fiktive personen videre på telefon eller i kryptert e-post.",
    en: "Do not put a national identity number in the message: it goes to the customer by e-mail. Pass the fictitious person's login on by phone or encrypted e-mail.",
  },
};
