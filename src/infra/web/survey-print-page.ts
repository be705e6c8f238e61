import QRCode from "qrcode";
import { longDate } from "../../core/index.ts";
import { html } from "./html.ts";
import { languageLinks } from "./survey-page.ts";
import { SURVEY_WORDS, type SurveyLanguage } from "./survey-words.ts";
import type { WebPage } from "./web-page.ts";

/** The survey's address as a QR code: an SVG drawn here (no service elsewhere), as a data: image. */
export async function qrCodeImage(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

/**
 * What a liaison prints for the patient: the hospital's name, one plain sentence, the QR code, the
 * address for anyone who cannot scan, and until when it works. Nothing about the patient or the concern.
 */
export async function surveyPrintPage(
  lang: SurveyLanguage,
  token: string,
  surveyUrl: string,
  hospital: string,
  expiresOn: string,
): Promise<WebPage> {
  const words = SURVEY_WORDS[lang];
  const qr = await qrCodeImage(surveyUrl);
  return {
    lang,
    title: `${words.title} · ${hospital}`,
    body: html`${languageLinks(lang, `/survey/${token}/print`)}
      <div class="print-card">
        <p class="hospital">${hospital}</p>
        <h1>${words.printSentence}</h1>
        <img class="qr" src="${qr}" alt="${words.printQrAlt}" width="280" height="280" />
        <p>${words.printOrVisit}<br /><span class="address">${surveyUrl}</span></p>
        <p>${words.printUntil(longDate(expiresOn, words.locale))}</p>
      </div>`,
  };
}
