import express, { type Express, type NextFunction, type Request, type Response } from "express";
import {
  openSurvey,
  submitSurvey,
  type LiaisonContext,
  type SurveyRefusal,
  type SurveyState,
} from "../../core/index.ts";
import { surveyFormPage, surveyNoticePage } from "../web/survey-page.ts";
import { surveyPrintPage } from "../web/survey-print-page.ts";
import { surveyLanguage, SURVEY_WORDS, type SurveyLanguage } from "../web/survey-words.ts";
import { sendPage } from "../web/web-page.ts";

/**
 * A survey's form is small; 16 kB holds its longest comment in any script once percent-encoded (1000
 * characters of up to 4 bytes, each byte written as %XX) and refuses anything bigger before it is read.
 */
const BODY_LIMIT = "16kb";

type NotOpen = Exclude<SurveyState, { kind: "open" }>;

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

const languageOf = (req: Request): SurveyLanguage =>
  surveyLanguage(req.query.lang, req.acceptsLanguages(...["en", "es"]));

const REFUSAL_WORDS: Record<
  SurveyRefusal,
  readonly ["answeredTitle" | "expiredTitle" | "notOpenTitle", "answered" | "expired" | "notOpen"]
> = {
  answered: ["answeredTitle", "answered"],
  expired: ["expiredTitle", "expired"],
  "not-resolved": ["notOpenTitle", "notOpen"],
};

/** A link that leads to no form: 410 for one that was live once, 404 for none, 503 when the store is down. */
function sendNotOpen(res: Response, lang: SurveyLanguage, path: string, state: NotOpen): void {
  const words = SURVEY_WORDS[lang];
  if (state.kind === "gone") {
    const [title, body] = REFUSAL_WORDS[state.reason];
    sendPage(res, 410, surveyNoticePage(lang, path, words[title], words[body]));
  } else if (state.kind === "unknown") {
    sendPage(res, 404, surveyNoticePage(lang, path, words.unknownTitle, words.unknown));
  } else {
    sendPage(res, 503, surveyNoticePage(lang, path, words.unavailableTitle, words.unavailableRead));
  }
}

/**
 * The patient's survey, served by Liaison: GET shows the form, POST records the answer and redirects
 * (303) to a thank-you page that shows nothing of it; /print is the QR code a liaison prints.
 */
export function mountSurveyRoutes(app: Express, ctx: LiaisonContext, publicUrl: string): void {
  const base = publicUrl.replace(/\/+$/, "");
  const form = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 10 });
  app.get("/survey/:token", async (req, res) => {
    const { token } = req.params;
    const lang = languageOf(req);
    const state = await openSurvey(ctx, token, "survey");
    if (state.kind !== "open") return sendNotOpen(res, lang, `/survey/${token}`, state);
    sendPage(res, 200, surveyFormPage({ lang, token, hospital: state.hospital, answer: {}, errors: {} }));
  });
  app.post("/survey/:token", form, async (req, res) => {
    const { token } = req.params;
    const lang = languageOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const answer = { rating: text(body.rating), comment: text(body.comment) };
    const outcome = await submitSurvey(ctx, token, answer);
    if (outcome.kind === "recorded") return res.redirect(303, `/survey/${token}/thanks?lang=${lang}`);
    if (outcome.kind === "invalid") {
      const page = { lang, token, hospital: outcome.hospital, answer, errors: outcome.errors };
      return sendPage(res, 400, surveyFormPage(page));
    }
    if (outcome.kind === "unavailable") {
      // Nothing was saved: the form again, with what they chose and typed.
      const page = {
        lang,
        token,
        hospital: ctx.directory().hospital.name,
        answer,
        errors: {},
        unavailable: true,
      };
      return sendPage(res, 503, surveyFormPage(page));
    }
    sendNotOpen(res, lang, `/survey/${token}`, outcome);
  });
  app.get("/survey/:token/thanks", (req, res) => {
    const lang = languageOf(req);
    const words = SURVEY_WORDS[lang];
    sendPage(res, 200, surveyNoticePage(lang, req.path, words.thanksTitle, words.thanks));
  });
  app.get("/survey/:token/print", async (req, res) => {
    const { token } = req.params;
    const lang = languageOf(req);
    const state = await openSurvey(ctx, token, "print");
    if (state.kind !== "open") return sendNotOpen(res, lang, `/survey/${token}/print`, state);
    const url = `${base}/survey/${token}`;
    sendPage(res, 200, await surveyPrintPage(lang, token, url, state.hospital, state.expiresOn));
  });
  app.use("/survey", tooLarge);
}

/** A body over the limit, or one that cannot be read: a kind page, never a stack trace. */
function tooLarge(error: Error & { status?: number }, req: Request, res: Response, next: NextFunction): void {
  if (!error.status) return next(error);
  const lang = languageOf(req);
  const words = SURVEY_WORDS[lang];
  sendPage(
    res,
    error.status === 413 ? 413 : 400,
    surveyNoticePage(lang, `${req.baseUrl}${req.path}`, words.tooLongTitle, words.commentTooLong),
  );
}
