import type { Environment } from "./environments.js";
import { escapeHtml } from "./html.js";
import { isFictitious, type AnyOrder } from "./order.js";

export type ComposedEmail = { subject: string; text: string; html: string };

// Brreg is a Norwegian agency: the email is always in Norwegian, whatever the
// locale of the person who ordered it.
const environmentWords: Record<Environment, { subject: string; phrase: string; line: string }> = {
  tt02: { subject: "TT02", phrase: "testmiljøet TT02", line: "TT02 (testmiljø)" },
  production: { subject: "produksjon", phrase: "produksjonsmiljøet", line: "Produksjon" },
};

// Validation already rejects these, but a subject is a mail header: one stray
// line break there lets text become headers, so the composer refuses on its own.
export function assertHeaderSafe(value: string, what: string): void {
  if (/[\p{Cc}\u2028\u2029]/u.test(value)) {
    throw new Error(`Refusing to compose the email: ${what} contains a line break or control character.`);
  }
}

export function assertReference(reference: string): void {
  if (!/^DLG-\d+$/.test(reference)) throw new Error(`Not a case reference: ${JSON.stringify(reference)} (expected DLG-<n>).`);
}

export function orderSubject(reference: string, order: AnyOrder): string {
  assertReference(reference);
  if (isFictitious(order)) {
    assertHeaderSafe(order.vendor_name, "the vendor name");
    assertHeaderSafe(order.vendor_orgnr, "the vendor organisation number");
    return `[${reference}] Bestilling av delegert tilgang via fiktiv virksomhet – ${order.vendor_name} (${order.vendor_orgnr}) – ${environmentWords.tt02.subject}`;
  }
  assertHeaderSafe(order.customer_name, "the customer name");
  assertHeaderSafe(order.customer_orgnr, "the customer organisation number");
  return `[${reference}] Bestilling av delegert tilgang – ${order.customer_name} (${order.customer_orgnr}) – ${environmentWords[order.environment].subject}`;
}

type Section = { heading: string; rows: ReadonlyArray<readonly [string, string]> };

/** One party's block: its org number, name and test contact. */
function party(heading: string, [orgnr, name, contact, email, phone]: readonly [string, string, string, string, string]): Section {
  const rows = [
    ["Organisasjonsnummer", orgnr],
    ["Navn", name],
    ["Testansvarlig", contact],
    ["E-post til testansvarlig", email],
    ["Telefon til testansvarlig", phone],
  ] as const;
  return { heading, rows };
}

function sections(order: AnyOrder): Section[] {
  const o = order;
  const vendor = party("Systemleverandør", [o.vendor_orgnr, o.vendor_name, o.vendor_contact_name, o.vendor_contact_email, o.vendor_contact_phone]);
  // A fictitious customer is Brreg's to create: the order carries the vendor's facts only.
  if (isFictitious(o)) return [vendor];
  return [vendor, party("Kunden", [o.customer_orgnr, o.customer_name, o.customer_contact_name, o.customer_contact_email, o.customer_contact_phone])];
}

type Body = { intro: string[]; reference: string; order: AnyOrder };

function renderText({ intro, reference, order }: Body): string {
  const blocks = [
    "Hei,",
    ...intro,
    ...sections(order).map((s) => [s.heading, ...s.rows.map(([k, v]) => `${k}: ${v}`)].join("\n")),
    `Miljø: ${environmentWords[order.environment].line}`,
    `Vår referanse: ${reference}. Behold gjerne referansen i emnefeltet når dere svarer.`,
    `Med vennlig hilsen\n${order.vendor_contact_name}\n${order.vendor_name}`,
  ];
  return `${blocks.join("\n\n")}\n`;
}

function renderHtml({ intro, reference, order }: Body): string {
  const e = escapeHtml;
  const p = (s: string) => `<p>${e(s)}</p>`;
  const tables = sections(order).map(
    (s) =>
      `<h3>${e(s.heading)}</h3>\n<table>\n${s.rows
        .map(([k, v]) => `<tr><th align="left">${e(k)}</th><td>${e(v)}</td></tr>`)
        .join("\n")}\n</table>`,
  );
  return [
    '<!doctype html>\n<html lang="nb">\n<head><meta charset="utf-8"></head>\n<body>',
    p("Hei,"),
    ...intro.map(p),
    ...tables,
    `<p><strong>Miljø:</strong> ${e(environmentWords[order.environment].line)}</p>`,
    p(`Vår referanse: ${reference}. Behold gjerne referansen i emnefeltet når dere svarer.`),
    `<p>Med vennlig hilsen<br>\n${e(order.vendor_contact_name)}<br>\n${e(order.vendor_name)}</p>`,
    "</body>\n</html>\n",
  ].join("\n");
}

function compose(subject: string, body: Body): ComposedEmail {
  return { subject, text: renderText(body), html: renderHtml(body) };
}

/** The route's words for what is ordered, as the order and its follow-ups say it. */
function ordered(order: AnyOrder): string {
  return isFictitious(order)
    ? `delegert tilgang via en fiktiv virksomhet i ${environmentWords.tt02.phrase}`
    : `delegert tilgang fra en eksisterende kunde i ${environmentWords[order.environment].phrase}`;
}

export function composeOrderEmail(input: { reference: string; order: AnyOrder }): ComposedEmail {
  const { reference, order } = input;
  const subject = orderSubject(reference, order);
  if (isFictitious(order)) {
    const intro = [
      `Vi er systemleverandør og ønsker å teste integrasjonen vår mot API-et for Register over reelle rettighetshavere i ${environmentWords.tt02.phrase}. Vi ønsker å delegere tilgang selv via en fiktiv virksomhet.`,
      "Vi ber dere legge inn organisasjonsnummeret vårt i TT02, opprette en fiktiv virksomhet med tilgang (scope) i Maskinporten som vi kan logge inn som, og sende oss opplysningene, slik at vi kan delegere tilgangen fra den fiktive virksomheten til oss selv i Altinn.",
      "Opplysningene om oss følger her:",
    ];
    return compose(subject, { intro, reference, order });
  }
  const intro = [
    `Vi er systemleverandør og ber om å få delegert tilgang til API-et for Register over reelle rettighetshavere fra en eksisterende kunde i ${environmentWords[order.environment].phrase}. Kunden har fått bekreftet direkte tilgang fra dere.`,
    order.environment === "tt02"
      ? "Vi ber dere legge inn begge virksomhetene i TT02 og opprette en fiktiv person for kunden, slik at kunden kan logge inn og delegere tilgangen til oss i Altinn."
      : "Gi oss gjerne beskjed når kunden kan delegere tilgangen til oss i Altinn, eller om dere trenger noe mer fra oss.",
    "Opplysningene følger her:",
  ];
  return compose(subject, { intro, reference, order });
}

const osloDate = new Intl.DateTimeFormat("nb-NO", { timeZone: "Europe/Oslo", day: "numeric", month: "long", year: "numeric" });

export function composeFollowUpEmail(input: {
  reference: string;
  order: AnyOrder;
  originalSubject: string;
  sentAt: Date;
}): ComposedEmail {
  const { reference, order, originalSubject, sentAt } = input;
  assertReference(reference);
  assertHeaderSafe(originalSubject, "the original subject");
  const intro = [
    `Vi viser til bestillingen vår av ${ordered(order)}, sendt ${osloDate.format(sentAt)} med referanse ${reference}. Vi har ikke sett noe svar ennå og lurer på om dere har fått den, eller om dere trenger noe mer fra oss.`,
    "Opplysningene gjentas her for enkelhets skyld:",
  ];
  return compose(`Purring: ${originalSubject}`, { intro, reference, order });
}
