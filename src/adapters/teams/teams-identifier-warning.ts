import {
  highlightedSegments,
  IDENTIFIER_ADVICE,
  IDENTIFIER_CHOICES,
  identifierHeadline,
  type IdentifierWarning,
} from "../../core/index.ts";

/**
 * The warning block's data for the form templates (adaptive-cards/concern-form.json, action-form.json):
 * each flagged field's text as TextRuns, the finds highlighted. Every key is given even with no warning:
 * the template engine would print a missing "${x}" literally. The form's own button is "Edit" (send the
 * edited text, checked again); the template adds "Post anyway" beside it.
 */
export function identifierWarningData(warning: IdentifierWarning | undefined) {
  return {
    shown: warning !== undefined,
    headline: warning ? identifierHeadline(warning) : "",
    advice: IDENTIFIER_ADVICE,
    postAnyway: IDENTIFIER_CHOICES.postAnyway,
    fields: (warning?.fields ?? []).map((field) => ({
      label: field.label,
      segments: highlightedSegments(field).map((piece) => ({
        text: piece.text,
        marked: piece.kind !== undefined,
      })),
    })),
  };
}
