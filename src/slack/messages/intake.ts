import type { Catalog } from "./locale.js";

// Functions take text that is already escaped for mrkdwn where it is shown as mrkdwn.
const nb = {
  // Modal titles, submit and close: at most 24 characters (Slack refuses longer).
  title: (step: string, of: string) => `Ny sak – steg ${step} av ${of}`,
  titleRoute: "Ny sak",
  titleSending: "Oppretter saken",
  titleDone: "Saken er opprettet",
  next: "Neste",
  back: "Tilbake",
  cancel: "Avbryt",
  close: "Lukk",
  send: "Send til Brreg",
  createCase: "Opprett sak",

  routeIntro:
    "*Hvilken vei til tilgangen?* Brreg har to: delegering fra en eksisterende kunde, som har eller skal få egen tilgang fra Brreg, eller delegering fra en fiktiv kunde, en snarvei for å teste integrasjonen før noen ekte kunde er med. Brreg oppretter da en fiktiv virksomhet i TT02, og dere delegerer fra den til dere selv. Den fiktive veien finnes bare i test: produksjon krever alltid en ekte kunde.",
  route: "Vei",
  routeExisting: "Eksisterende kunde",
  routeFictitious: "Fiktiv kunde (bare TT02)",
  vendorIntroFictitious:
    "*Våre opplysninger som systemleverandør.* Brreg legger organisasjonsnummeret vårt inn i TT02, oppretter en fiktiv virksomhet og sender oss opplysningene på e-post. Feltene er fylt ut fra forrige bestilling i dette arbeidsområdet når det finnes en.",
  vendorIntro:
    "*Miljø og våre opplysninger som systemleverandør.* Feltene er fylt ut fra forrige bestilling i dette arbeidsområdet når det finnes en; det du sender, huskes til neste gang.",
  environment: "Miljø",
  vendorOrgnr: "Vårt organisasjonsnummer",
  vendorName: "Vårt firmanavn",
  vendorContactName: "Vår testansvarlig",
  vendorContactEmail: "E-post til vår testansvarlig",
  vendorContactPhone: "Telefon til vår testansvarlig",

  customerIntro: "*Kunden og kundens testansvarlig.* Kunden er virksomheten som har eller skal få tilgang fra Brreg, og som skal delegere den til oss.",
  customerOrgnr: "Kundens organisasjonsnummer",
  customerName: "Kundens firmanavn",
  customerContactName: "Kundens testansvarlig",
  customerContactEmail: "E-post til kundens testansvarlig",
  customerContactPhone: "Telefon til kundens testansvarlig",

  orgnrHint: "9 siffer, gjerne med mellomrom: 920 012 345",
  phoneHint: "Norsk nummer med 8 siffer (912 34 567), eller utenlandsk med + og landskode",

  accessIntro:
    "Brreg behandler bestillingen først når kunden selv har fått bekreftet direkte tilgang til API-et. Har kunden ikke fått det ennå, opprettes saken likevel: ingenting går til Brreg, og du får en tekst å videresende til kunden om hvordan den bestiller tilgang.",
  customerAccess: "Har kunden fått Brregs bekreftelse på direkte tilgang?",
  accessConfirmed: "Ja, kunden har fått bekreftelsen",
  accessPending: "Nei, ikke ennå",

  reviewIntroConfirmed: "*Kontroller bestillingen.* Dette er e-posten som går til Brreg når du trykker «Send til Brreg»:",
  reviewIntroPreview:
    "*Kontroller bestillingen.* SMTP er ikke satt opp (SMTP_URL), så ingenting sendes til Brreg: når du trykker «Opprett sak», lagres denne e-posten bare som forhåndsvisning, og tråden sier hvor.",
  reviewIntroPending:
    "*Kontroller bestillingen.* Kunden har ikke fått tilgang ennå, så ingenting sendes til Brreg nå. Saken venter, og denne e-posten sendes når noen trykker «Kunden har fått tilgang»:",
  reviewIntroPendingPreview:
    "*Kontroller bestillingen.* Kunden har ikke fått tilgang ennå, så saken venter. SMTP er ikke satt opp (SMTP_URL), så heller ikke da sendes noe: når noen trykker «Kunden har fått tilgang», lagres denne e-posten bare som forhåndsvisning:",
  registerHeading: "*Enhetsregisteret*",
  registerLine: (role: string, orgnr: string, typed: string, registered: string) =>
    `*${role}* (${orgnr})\nSkrevet inn: ${typed}\nI Enhetsregisteret: ${registered}`,
  roleVendor: "Leverandør",
  roleCustomer: "Kunde",
  registerChecking: "_sjekker registeret …_",
  registerNoName: "–",
  registerActive: "Aktiv.",
  registerBankrupt: ":warning: Registrert som konkurs. Sjekk dette før dere går videre.",
  registerLiquidation: ":warning: Registrert under avvikling, tvangsavvikling eller tvangsoppløsning. Sjekk dette før dere går videre.",
  registerDeleted: ":warning: Slettet eller fjernet fra Enhetsregisteret. Sjekk organisasjonsnummeret.",
  registerUnknown: ":warning: Finnes ikke som hovedenhet i Enhetsregisteret. Sjekk at alle sifrene er riktige, og at det ikke er en underenhets nummer.",
  registerUnavailable: ":grey_question: Enhetsregisteret svarte ikke, så navnet er ikke sjekket.",
  registerNote: "Advarslene stopper ikke bestillingen; du kan sende likevel.",
  emailTo: (to: string) => `*Til:* ${to}`,
  emailCc: (cc: string) => `*Kopi:* ${cc}`,
  emailSubject: (subject: string) => `*Emne:* ${subject}`,
  referenceNote: "DLG-… er saksnummeret; det tildeles når saken opprettes.",
  sendFailed: "Saken kunne ikke opprettes akkurat nå. Prøv igjen om litt; den blir ikke opprettet to ganger.",

  sending: "Oppretter saken …",
  done: (ref: string, customer: string) => `*${ref}* er opprettet for ${customer}.`,
  fictitiousCustomer: "en fiktiv kunde i TT02",
  doneQueued: "E-posten til Brreg er lagt i køen og sendes straks. Alt som skjer i saken, kommer i tråden i sakskanalen.",
  donePending: "Ingenting er sendt til Brreg ennå. I tråden i sakskanalen ligger en tekst du kan videresende til kunden.",
  donePreview: "Ingenting er sendt til Brreg: SMTP er ikke satt opp, så e-posten lagres bare som forhåndsvisning. Tråden i sakskanalen sier hvor den ligger.",
  threadLink: (url: string) => `<${url}|Åpne tråden>`,
  noThread: (channel: string) =>
    `:warning: Jeg fikk ikke lagt saken i <#${channel}> ennå: Slack har ikke tatt imot tråden. Er appen invitert dit? (\`/invite @Delegering\` i kanalen.) Saken er lagret, og tråden med alt som hører til kommer så snart Slack tar imot den.`,
  forwardHere: "Tekst du kan videresende til kunden:",
  dm: (ref: string, customer: string) => `Du opprettet ${ref} (${customer}) og er eier av saken.`,
  openFailed: "Klarte ikke å åpne skjemaet for ny sak. Prøv `/delegering ny` igjen.",
};

const en: typeof nb = {
  title: (step, of) => `New case – step ${step} of ${of}`,
  titleRoute: "New case",
  titleSending: "Creating the case",
  titleDone: "Case created",
  next: "Next",
  back: "Back",
  cancel: "Cancel",
  close: "Close",
  send: "Send to Brreg",
  createCase: "Create case",

  routeIntro:
    "*Which route to the access?* Brreg offers two: delegation from an existing customer, which holds or is to get its own access from Brreg, or delegation from a fictitious customer, a shortcut to test the integration before any real customer is involved. Brreg then creates a fictitious company in TT02, and you delegate from it to yourselves. The fictitious route exists in test only: production always needs a real customer.",
  route: "Route",
  routeExisting: "Existing customer",
  routeFictitious: "Fictitious customer (TT02 only)",
  vendorIntroFictitious:
    "*Our details as the system vendor.* Brreg loads our organisation number into TT02, creates a fictitious company and e-mails us the details. The fields are filled in from this workspace's previous order when there is one.",
  vendorIntro:
    "*Environment and our details as the system vendor.* The fields are filled in from this workspace's previous order when there is one; what you send is remembered for next time.",
  environment: "Environment",
  vendorOrgnr: "Our organisation number",
  vendorName: "Our company name",
  vendorContactName: "Our test contact",
  vendorContactEmail: "Our test contact's email",
  vendorContactPhone: "Our test contact's phone",

  customerIntro: "*The customer and its test contact.* The customer is the organisation that holds, or is to get, access from Brreg and delegates it to us.",
  customerOrgnr: "Customer's organisation number",
  customerName: "Customer's company name",
  customerContactName: "Customer's test contact",
  customerContactEmail: "Customer's test contact's email",
  customerContactPhone: "Customer's test contact's phone",

  orgnrHint: "9 digits, spaces allowed: 920 012 345",
  phoneHint: "Norwegian number with 8 digits (912 34 567), or a foreign one with + and its country code",

  accessIntro:
    "Brreg handles the order only once the customer has had its own direct access to the API confirmed. If it has not yet, the case is created anyway: nothing goes to Brreg, and you get a text to forward to the customer on how to order access.",
  customerAccess: "Has the customer received Brreg's confirmation of direct access?",
  accessConfirmed: "Yes, the customer has the confirmation",
  accessPending: "No, not yet",

  reviewIntroConfirmed: "*Check the order.* This is the email that goes to Brreg when you press “Send to Brreg”:",
  reviewIntroPreview:
    "*Check the order.* SMTP is not set up (SMTP_URL), so nothing goes to Brreg: when you press “Create case”, this email is only saved as a preview, and the thread says where.",
  reviewIntroPending:
    "*Check the order.* The customer has no access yet, so nothing is sent to Brreg now. The case waits, and this email goes out when someone presses “Customer has access”:",
  reviewIntroPendingPreview:
    "*Check the order.* The customer has no access yet, so the case waits. SMTP is not set up (SMTP_URL), so nothing is sent then either: when someone presses “Customer has access”, this email is only saved as a preview:",
  registerHeading: "*Enhetsregisteret (the register of legal entities)*",
  registerLine: (role, orgnr, typed, registered) => `*${role}* (${orgnr})\nTyped: ${typed}\nIn the register: ${registered}`,
  roleVendor: "Vendor",
  roleCustomer: "Customer",
  registerChecking: "_checking the register …_",
  registerNoName: "–",
  registerActive: "Active.",
  registerBankrupt: ":warning: Registered as bankrupt. Check this before you go on.",
  registerLiquidation: ":warning: Registered as being wound up, or under compulsory winding-up or dissolution. Check this before you go on.",
  registerDeleted: ":warning: Deleted or removed from the register. Check the organisation number.",
  registerUnknown: ":warning: Not in the register as a main unit. Check that every digit is right and that it is not a sub-unit's number.",
  registerUnavailable: ":grey_question: The register did not answer, so the name is not checked.",
  registerNote: "Warnings do not stop the order; you can send anyway.",
  emailTo: (to) => `*To:* ${to}`,
  emailCc: (cc) => `*Cc:* ${cc}`,
  emailSubject: (subject) => `*Subject:* ${subject}`,
  referenceNote: "DLG-… is the case number; it is assigned when the case is created.",
  sendFailed: "The case could not be created just now. Try again in a moment; it will not be created twice.",

  sending: "Creating the case …",
  done: (ref, customer) => `*${ref}* has been created for ${customer}.`,
  fictitiousCustomer: "a fictitious customer in TT02",
  doneQueued: "The email to Brreg is queued and goes out shortly. Everything that happens in the case is posted in its thread in the case channel.",
  donePending: "Nothing has been sent to Brreg yet. The thread in the case channel holds a text you can forward to the customer.",
  donePreview: "Nothing has been sent to Brreg: SMTP is not set up, so the email is only saved as a preview. The thread in the case channel says where it is.",
  threadLink: (url) => `<${url}|Open the thread>`,
  noThread: (channel) =>
    `:warning: I could not post the case in <#${channel}> yet: Slack has not taken the thread. Is the app invited there? (\`/invite @Delegering\` in the channel.) The case is saved, and the thread with everything in it arrives as soon as Slack takes it.`,
  forwardHere: "Text you can forward to the customer:",
  dm: (ref, customer) => `You created ${ref} (${customer}) and own the case.`,
  openFailed: "Could not open the new-case form. Try `/delegering new` again.",
};

export const intakeText: Catalog<typeof nb> = { nb, en };
