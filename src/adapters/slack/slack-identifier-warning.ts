import type { InputBlock, KnownBlock } from "@slack/types";
import {
  highlightedSegments,
  IDENTIFIER_ADVICE,
  IDENTIFIER_CHOICES,
  identifierHeadline,
  type IdentifierWarning,
} from "../../core/index.ts";
import { BLOCK_KIT, plain } from "./block-kit-limits.ts";
import { literalContext, richText, type Span } from "./slack-text.ts";
import { checkedOf, type ViewState } from "./slack-view-state.ts";

/** The checkbox that says "Post anyway"; its block_id is the form field the core reads. */
export const POST_ANYWAY_BLOCK = "postAnyway";
const POST_ANYWAY_VALUE = "yes";

/**
 * The warning at the top of a form whose text may identify the patient: what was found, each field's
 * text with the finds marked, and the choice. A modal has one submit button, so "Edit" is editing the
 * text below and submitting again (it is checked again), and "Post anyway" is a box to tick.
 */
export function identifierWarningBlocks(warning: IdentifierWarning): KnownBlock[] {
  const quoted = warning.fields.map((field): Span[] => [
    { text: `${field.label}: `, bold: true },
    ...highlightedSegments(field).map((piece) => ({ text: piece.text, marked: piece.kind !== undefined })),
  ]);
  return [
    richText([[{ text: `⚠️ ${identifierHeadline(warning)}`, bold: true }]]),
    richText(quoted),
    literalContext([IDENTIFIER_ADVICE]),
    postAnywayBlock(),
  ];
}

function postAnywayBlock(): InputBlock {
  return {
    type: "input",
    block_id: POST_ANYWAY_BLOCK,
    optional: true,
    label: plain(`${IDENTIFIER_CHOICES.edit} or ${IDENTIFIER_CHOICES.postAnyway}?`, 2000),
    element: {
      type: "checkboxes",
      action_id: "value",
      options: [
        {
          text: plain(IDENTIFIER_CHOICES.postAnyway, BLOCK_KIT.optionText),
          description: plain(IDENTIFIER_CHOICES.postAnywayHint, BLOCK_KIT.optionText),
          value: POST_ANYWAY_VALUE,
        },
      ],
    },
  };
}

/** Whether the submitted modal had "Post anyway" ticked. */
export const postAnywayTicked = (state: ViewState): boolean =>
  checkedOf(state, POST_ANYWAY_BLOCK).includes(POST_ANYWAY_VALUE);
