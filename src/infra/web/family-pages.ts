import {
  FAMILY_CONTACT_MAX,
  FAMILY_DESCRIPTION_MAX,
  type FamilyForm,
  type FamilyFormProblem,
  type FamilyLanguage,
} from "../../core/index.ts";
import { FAMILY_WORDS, type FamilyFacts, type FamilyWords } from "./family-words.ts";
import { html, type SafeHtml } from "./html.ts";
import type { WebPage } from "./web-page.ts";

/** Where the page is and in which language: enough to draw any of its states. */
export interface FamilyPlace {
  lang: FamilyLanguage;
  languages: readonly FamilyLanguage[];
  code: string;
  facts: FamilyFacts;
}

/** The form as it is shown again: the visitor's words, what is wrong, and why it was not sent. */
export interface FamilyFormState {
  form: FamilyForm;
  problems: Partial<Record<keyof FamilyForm, FamilyFormProblem>>;
  /** Why the words are shown again although nothing was wrong with them. */
  notSent?: "failed" | "stale";
}

const EMPTY: FamilyFormState = { form: { description: "", contact: "" }, problems: {} };

const emergency = (w: FamilyWords, facts: FamilyFacts) =>
  html`<p class="emergency" role="alert"><strong>${w.emergency(facts)}</strong></p>`;

function languageLinks(place: FamilyPlace): SafeHtml {
  const others = place.languages.filter((l) => l !== place.lang);
  if (others.length === 0) return html``;
  const links = others.map(
    (l) =>
      html`<a href="/family/${place.code}?lang=${l}" lang="${l}" hreflang="${l}"
        >${FAMILY_WORDS[l].languageName}</a
      >`,
  );
  return html`<nav class="languages" aria-label="Language">${links}</nav>`;
}

const fieldError = (id: string, w: FamilyWords, problem: FamilyFormProblem | undefined) =>
  problem ? html`<p class="field-error" id="${id}-error">${w.problems[problem]}</p>` : html``;

function banner(w: FamilyWords, place: FamilyPlace, state: FamilyFormState): SafeHtml {
  if (state.notSent === "failed") return html`<p class="error" role="alert">${w.notSent(place.facts)}</p>`;
  if (state.notSent === "stale") return html`<p class="error" role="alert">${w.stale}</p>`;
  if (Object.keys(state.problems).length > 0)
    return html`<p class="error" role="alert">${w.errorSummary}</p>`;
  return html``;
}

/** The form: nothing in it but what this visitor typed in this very request (never stored, never in a URL). */
export function familyFormPage(place: FamilyPlace, nonce: string, state: FamilyFormState = EMPTY): WebPage {
  const w = FAMILY_WORDS[place.lang];
  const { form, problems } = state;
  const invalid = (field: keyof FamilyForm) => (problems[field] ? "true" : "false");
  const body = html`${languageLinks(place)} ${emergency(w, place.facts)}
    <h1>${w.title}</h1>
    <p class="where">${w.where(place.facts)}</p>
    ${banner(w, place, state)}
    <p>${w.intro}</p>
    <form method="post" action="/family/${place.code}" autocomplete="off">
      <input type="hidden" name="lang" value="${place.lang}" />
      <input type="hidden" name="nonce" value="${nonce}" />
      <label for="description">${w.descriptionLabel}</label>
      <p class="muted" id="description-hint">${w.descriptionHint(FAMILY_DESCRIPTION_MAX)}</p>
      <textarea
        id="description"
        name="description"
        maxlength="${FAMILY_DESCRIPTION_MAX}"
        aria-describedby="description-hint${problems.description ? " description-error" : ""}"
        aria-invalid="${invalid("description")}"
      >
${form.description}</textarea>
      ${fieldError("description", w, problems.description)}
      <label for="contact">${w.contactLabel}</label>
      <p class="muted" id="contact-hint">${w.contactHint}</p>
      <input
        type="text"
        id="contact"
        name="contact"
        maxlength="${FAMILY_CONTACT_MAX}"
        value="${form.contact}"
        aria-describedby="contact-hint${problems.contact ? " contact-error" : ""}"
        aria-invalid="${invalid("contact")}"
      />
      ${fieldError("contact", w, problems.contact)}
      <button type="submit">${w.send}</button>
    </form>
    <h2>${w.nextHeading}</h2>
    <p class="notice">${w.next(place.facts)}</p>`;
  return { lang: place.lang, title: w.title, body };
}

/** After sending: what happens next, and nothing the visitor typed. */
export function familySentPage(place: FamilyPlace): WebPage {
  const w = FAMILY_WORDS[place.lang];
  const body = html`${emergency(w, place.facts)}
    <h1>${w.sentTitle}</h1>
    <p class="where">${w.where(place.facts)}</p>
    <p class="notice">${w.sentBody(place.facts)}</p>
    <p>${w.sentAgain}</p>`;
  return { lang: place.lang, title: w.sentTitle, body };
}

export type FamilyRefusal = "already-sent" | "too-many" | "too-long";

/** Refused, kindly: the emergency sentence and whom to tell instead, never the form. */
export function familyRefusedPage(place: FamilyPlace, why: FamilyRefusal): WebPage {
  const w = FAMILY_WORDS[place.lang];
  const says = { "already-sent": w.alreadySent, "too-many": w.tooMany(place.facts), "too-long": w.tooLong };
  const body = html`${emergency(w, place.facts)}
    <h1>${w.title}</h1>
    <p class="notice">${says[why]}</p>`;
  return { lang: place.lang, title: w.title, body };
}

/** A code that is not a room's (forged, cut short, an unknown unit) or a page that is off: no hint which. */
export function familyNotFoundPage(lang: FamilyLanguage): WebPage {
  const w = FAMILY_WORDS[lang];
  return {
    lang,
    title: w.notFound,
    body: html`<h1>${w.notFound}</h1>
      <p>${w.notFoundBody}</p>`,
  };
}
