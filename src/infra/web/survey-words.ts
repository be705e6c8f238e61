import { RATINGS, SATISFACTION_COMMENT_MAX_LENGTH } from "../../core/index.ts";

/** The languages the survey page speaks; the first is the default. */
export const SURVEY_LANGUAGES = ["en", "es"] as const;
export type SurveyLanguage = (typeof SURVEY_LANGUAGES)[number];

const MAX = SATISFACTION_COMMENT_MAX_LENGTH;

/** Everything the patient reads, in each language: plain, short, nothing about the concern itself. */
export const SURVEY_WORDS = {
  en: {
    locale: "en-US",
    languageName: "English",
    title: "How did we do?",
    question: "How satisfied are you with how your concern was handled?",
    ratings: RATINGS.map((r) => r.label),
    commentLabel: "Is there anything you would like to tell us? (optional)",
    commentHint: `Up to ${MAX} characters.`,
    send: "Send",
    ratingMissing: "Please choose how satisfied you are, from 1 (very dissatisfied) to 5 (very satisfied).",
    commentTooLong: `Please shorten your comment to ${MAX} characters or fewer.`,
    tooLongTitle: "Your comment is too long",
    thanksTitle: "Thank you",
    thanks: "Your answer was sent. Thank you for helping us improve.",
    answeredTitle: "This survey has already been answered",
    answered: "Each survey link can be answered once. Thank you.",
    expiredTitle: "This survey link has expired",
    expired:
      "Survey links can be answered for a limited time. If you would like to tell us more, please contact the hospital's patient relations team.",
    notOpenTitle: "This survey is not open right now",
    notOpen: "If you would like to tell us more, please contact the hospital's patient relations team.",
    unknownTitle: "We could not find this survey",
    unknown: "Please check the link, or scan the QR code again.",
    unavailableTitle: "Please try again in a minute",
    unavailable:
      "We could not save your answer just now. Please try again in a minute; what you chose and typed is still here.",
    unavailableRead: "We could not open the survey just now. Please try again in a minute.",
    printSentence: "Scan to tell us how we did. It takes a minute.",
    printQrAlt: "QR code that opens the survey",
    printOrVisit: "Or type this address:",
    printUntil: (date: string) => `This link can be answered once, until ${date}.`,
  },
  es: {
    locale: "es-US",
    languageName: "Español",
    title: "¿Cómo lo hicimos?",
    question: "¿Qué tan satisfecho está con la forma en que se atendió su inquietud?",
    ratings: [
      "Muy insatisfecho",
      "Insatisfecho",
      "Ni satisfecho ni insatisfecho",
      "Satisfecho",
      "Muy satisfecho",
    ],
    commentLabel: "¿Hay algo más que quiera decirnos? (opcional)",
    commentHint: `Hasta ${MAX} caracteres.`,
    send: "Enviar",
    ratingMissing: "Por favor, elija qué tan satisfecho está, de 1 (muy insatisfecho) a 5 (muy satisfecho).",
    commentTooLong: `Por favor, acorte su comentario a ${MAX} caracteres o menos.`,
    tooLongTitle: "Su comentario es demasiado largo",
    thanksTitle: "Gracias",
    thanks: "Su respuesta fue enviada. Gracias por ayudarnos a mejorar.",
    answeredTitle: "Esta encuesta ya fue respondida",
    answered: "Cada enlace de encuesta se puede responder una sola vez. Gracias.",
    expiredTitle: "Este enlace de encuesta ha vencido",
    expired:
      "Los enlaces de encuesta se pueden responder por un tiempo limitado. Si desea decirnos algo más, comuníquese con el equipo de relaciones con el paciente del hospital.",
    notOpenTitle: "Esta encuesta no está abierta en este momento",
    notOpen:
      "Si desea decirnos algo más, comuníquese con el equipo de relaciones con el paciente del hospital.",
    unknownTitle: "No encontramos esta encuesta",
    unknown: "Por favor, revise el enlace o vuelva a escanear el código QR.",
    unavailableTitle: "Por favor, inténtelo de nuevo en un minuto",
    unavailable:
      "No pudimos guardar su respuesta en este momento. Inténtelo de nuevo en un minuto; lo que eligió y escribió sigue aquí.",
    unavailableRead: "No pudimos abrir la encuesta en este momento. Inténtelo de nuevo en un minuto.",
    printSentence: "Escanee para decirnos cómo lo hicimos. Toma un minuto.",
    printQrAlt: "Código QR que abre la encuesta",
    printOrVisit: "O escriba esta dirección:",
    printUntil: (date: string) => `Este enlace se puede responder una vez, hasta el ${date}.`,
  },
} as const satisfies Record<SurveyLanguage, unknown>;

export type SurveyWords = (typeof SURVEY_WORDS)[SurveyLanguage];

/** ?lang=es wins; otherwise what the browser asks for (Accept-Language), else English. */
export function surveyLanguage(query: unknown, accepted: string | false): SurveyLanguage {
  if (typeof query === "string" && (SURVEY_LANGUAGES as readonly string[]).includes(query)) {
    return query as SurveyLanguage;
  }
  return accepted === "es" ? "es" : "en";
}
