import type { FamilyFormProblem, FamilyLanguage } from "../../core/index.ts";

/** What the numbers and times on the family page are, for one hospital and one room. */
export interface FamilyFacts {
  emergencyNumber: string;
  patientRelationsNumber?: string;
  /** "Room 412, 4 West" is built from these. */
  room: string;
  unitName: string;
  answerWithinMinutes: number;
}

/**
 * Every sentence of the family page, in each language it is written in. Plain words, short sentences;
 * the emergency sentence first on every page, because a person in danger must not fill in a form.
 */
export interface FamilyWords {
  languageName: string;
  title: string;
  emergency: (f: FamilyFacts) => string;
  where: (f: FamilyFacts) => string;
  intro: string;
  descriptionLabel: string;
  descriptionHint: (max: number) => string;
  contactLabel: string;
  contactHint: string;
  send: string;
  nextHeading: string;
  next: (f: FamilyFacts) => string;
  problems: Record<FamilyFormProblem, string>;
  errorSummary: string;
  sentTitle: string;
  sentBody: (f: FamilyFacts) => string;
  sentAgain: string;
  notSent: (f: FamilyFacts) => string;
  stale: string;
  alreadySent: string;
  tooMany: (f: FamilyFacts) => string;
  tooLong: string;
  notFound: string;
  notFoundBody: string;
}

const within = (minutes: number, en: boolean) => {
  if (minutes < 60) return en ? `${minutes} minutes` : `${minutes} minutos`;
  const hours = Math.round(minutes / 60);
  if (en) return hours === 1 ? "an hour" : `${hours} hours`;
  return hours === 1 ? "una hora" : `${hours} horas`;
};

const EN: FamilyWords = {
  languageName: "English",
  title: "Tell us about a concern",
  emergency: (f) =>
    `In an emergency, press the call button or dial ${f.emergencyNumber} now. Do not use this page.`,
  where: (f) => `Room ${f.room}, ${f.unitName}`,
  intro: "You can tell us about a worry with your care or your stay, in your own words.",
  descriptionLabel: "What is worrying you?",
  descriptionHint: (max) => `Up to ${max} characters.`,
  contactLabel: "How can we reach you? (name and phone, optional)",
  contactHint: "Leave this empty and someone will come to the room.",
  send: "Send",
  nextHeading: "What happens next",
  next: (f) =>
    `When you press Send, the team caring for this room is told at once. Someone will come to the room or call you, usually within ${within(f.answerWithinMinutes, true)}.`,
  problems: {
    "description-missing": "Please tell us what is worrying you.",
    "description-too-long": "This is too long. Please shorten it.",
    "contact-too-long": "This is too long. A name and a phone number are enough.",
  },
  errorSummary: "Please check the form: it was not sent.",
  sentTitle: "Thank you. We have your message.",
  sentBody: (f) =>
    `The team caring for this room has been told. Someone will come to the room or call you, usually within ${within(f.answerWithinMinutes, true)}.`,
  sentAgain: "If things get worse, tell your nurse.",
  notSent: (f) =>
    `We could not send this. Please tell your nurse${f.patientRelationsNumber ? ` or call ${f.patientRelationsNumber}` : ""}. Your words are still below.`,
  stale: "This page was open for a long time, so it was not sent. Please press Send again.",
  alreadySent: "This message was already sent. You do not need to send it again.",
  tooMany: (f) =>
    `Many messages were sent from here in the last hour. Please tell your nurse${f.patientRelationsNumber ? ` or call ${f.patientRelationsNumber}` : ""}.`,
  tooLong: "That was too long to send. Please write less, or tell your nurse.",
  notFound: "This page is not available",
  notFoundBody: "Please scan the code in your room again, or tell your nurse.",
};

const ES: FamilyWords = {
  languageName: "Español",
  title: "Cuéntenos una preocupación",
  emergency: (f) =>
    `En una emergencia, presione el botón de llamada o marque el ${f.emergencyNumber} ahora. No use esta página.`,
  where: (f) => `Habitación ${f.room}, ${f.unitName}`,
  intro: "Puede contarnos, con sus propias palabras, algo que le preocupa de su atención o su estadía.",
  descriptionLabel: "¿Qué le preocupa?",
  descriptionHint: (max) => `Hasta ${max} caracteres.`,
  contactLabel: "¿Cómo podemos comunicarnos con usted? (nombre y teléfono, opcional)",
  contactHint: "Si lo deja vacío, alguien vendrá a la habitación.",
  send: "Enviar",
  nextHeading: "Qué pasa después",
  next: (f) =>
    `Cuando presione Enviar, el equipo que atiende esta habitación recibe el aviso enseguida. Alguien vendrá a la habitación o le llamará, normalmente en menos de ${within(f.answerWithinMinutes, false)}.`,
  problems: {
    "description-missing": "Por favor, díganos qué le preocupa.",
    "description-too-long": "Es demasiado largo. Por favor, acórtelo.",
    "contact-too-long": "Es demasiado largo. Basta con un nombre y un teléfono.",
  },
  errorSummary: "Revise el formulario: no se envió.",
  sentTitle: "Gracias. Recibimos su mensaje.",
  sentBody: (f) =>
    `El equipo que atiende esta habitación ya recibió el aviso. Alguien vendrá a la habitación o le llamará, normalmente en menos de ${within(f.answerWithinMinutes, false)}.`,
  sentAgain: "Si la situación empeora, avise a su enfermera.",
  notSent: (f) =>
    `No pudimos enviar esto. Por favor, avise a su enfermera${f.patientRelationsNumber ? ` o llame al ${f.patientRelationsNumber}` : ""}. Sus palabras siguen abajo.`,
  stale: "Esta página estuvo abierta mucho tiempo y no se envió. Por favor, presione Enviar otra vez.",
  alreadySent: "Este mensaje ya se envió. No necesita enviarlo otra vez.",
  tooMany: (f) =>
    `Se enviaron muchos mensajes desde aquí en la última hora. Por favor, avise a su enfermera${f.patientRelationsNumber ? ` o llame al ${f.patientRelationsNumber}` : ""}.`,
  tooLong: "Era demasiado largo para enviarlo. Por favor, escriba menos o avise a su enfermera.",
  notFound: "Esta página no está disponible",
  notFoundBody: "Por favor, escanee otra vez el código de su habitación o avise a su enfermera.",
};

export const FAMILY_WORDS: Readonly<Record<FamilyLanguage, FamilyWords>> = { en: EN, es: ES };
