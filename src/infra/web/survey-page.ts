import { SATISFACTION_COMMENT_MAX_LENGTH, type SurveyAnswer, type SurveyErrors } from "../../core/index.ts";
import { html, type SafeHtml } from "./html.ts";
import { SURVEY_LANGUAGES, SURVEY_WORDS, type SurveyLanguage } from "./survey-words.ts";
import type { WebPage } from "./web-page.ts";

/** What the survey form shows: the hospital, what the patient chose and typed, and what is wrong. */
export interface SurveyForm {
  lang: SurveyLanguage;
  token: string;
  hospital: string;
  answer: SurveyAnswer;
  errors: SurveyErrors;
  /** The answer could not be saved (the store is down): say so, keep everything. */
  unavailable?: boolean;
}

/** A link to the same page in each other language (?lang=es), named in that language. */
export function languageLinks(lang: SurveyLanguage, path: string): SafeHtml {
  const others = SURVEY_LANGUAGES.filter((l) => l !== lang);
  const links = others.map(
    (l) => html`<a href="${path}?lang=${l}" lang="${l}" hreflang="${l}">${SURVEY_WORDS[l].languageName}</a>`,
  );
  return html`<p class="languages">${links}</p>`;
}

/** What went wrong, said first and announced (role="alert", focused by autofocus: no script needed). */
function errorSummary(form: SurveyForm): SafeHtml | undefined {
  const words = SURVEY_WORDS[form.lang];
  const lines = [
    form.unavailable ? html`<li>${words.unavailable}</li>` : undefined,
    form.errors.rating ? html`<li><a href="#rating-1">${words.ratingMissing}</a></li>` : undefined,
    form.errors.comment ? html`<li><a href="#comment">${words.commentTooLong}</a></li>` : undefined,
  ].filter((l) => l !== undefined);
  if (lines.length === 0) return undefined;
  const title = form.unavailable ? words.unavailableTitle : words.title;
  return html`<div class="error-summary" role="alert" tabindex="-1" autofocus>
    <h2>${title}</h2>
    <ul>
      ${lines}
    </ul>
  </div>`;
}

/** The five answers as radio buttons with their words, in one fieldset whose legend is the question. */
function ratingChoices(form: SurveyForm): SafeHtml {
  const words = SURVEY_WORDS[form.lang];
  const chosen = form.answer.rating?.trim();
  const error = form.errors.rating
    ? html`<p class="field-error" id="rating-error">${words.ratingMissing}</p>`
    : undefined;
  const choices = words.ratings.map((label, i) => {
    const value = String(i + 1);
    return html`<label for="rating-${value}"
      ><input
        type="radio"
        id="rating-${value}"
        name="rating"
        value="${value}"
        ${chosen === value ? html`checked` : ""}
      />
      <span><strong>${value}</strong> ${label}</span></label
    >`;
  });
  return html`<fieldset ${error ? html`aria-describedby="rating-error"` : ""}>
    <legend>${words.question}</legend>
    ${error}
    <div class="choices rating">${choices}</div>
  </fieldset>`;
}

/** The survey: one question, an optional comment, Send. A plain form POST: it works without any script. */
export function surveyFormPage(form: SurveyForm): WebPage {
  const words = SURVEY_WORDS[form.lang];
  const path = `/survey/${form.token}`;
  const commentError = form.errors.comment
    ? html`<p class="field-error" id="comment-error">${words.commentTooLong}</p>`
    : undefined;
  const describedBy = form.errors.comment ? "comment-hint comment-error" : "comment-hint";
  return {
    lang: form.lang,
    title: `${words.title} · ${form.hospital}`,
    body: html`${languageLinks(form.lang, path)}
      <p class="muted">${form.hospital}</p>
      <h1>${words.title}</h1>
      ${errorSummary(form)}
      <form method="post" action="${path}?lang=${form.lang}" novalidate>
        ${ratingChoices(form)}
        <label for="comment">${words.commentLabel}</label>
        <p class="muted hint" id="comment-hint">${words.commentHint}</p>
        ${commentError}
        <textarea
          id="comment"
          name="comment"
          maxlength="${SATISFACTION_COMMENT_MAX_LENGTH}"
          aria-describedby="${describedBy}"
        >
${form.answer.comment ?? ""}</textarea>
        <button type="submit">${words.send}</button>
      </form>`,
  };
}

/** A short page that says one thing (thanks, already answered, expired, not found); never the form. */
export function surveyNoticePage(lang: SurveyLanguage, path: string, title: string, text: string): WebPage {
  return {
    lang,
    title,
    body: html`${languageLinks(lang, path)}
      <h1>${title}</h1>
      <p>${text}</p>`,
  };
}
