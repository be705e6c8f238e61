import type { ModalView } from "@slack/types";
import type { DetailsView } from "../../core/index.ts";
import { BLOCK_KIT, plain } from "./block-kit-limits.ts";
import { literalContext, literalSection, literalSections, ownMrkdwn } from "./slack-text.ts";

/**
 * A concern's full details, in a modal: only the person who pressed "Show details" sees it, and it is
 * gone when they close it (nothing is posted where others could read it later). Every word that came
 * from a person is plain text; the recorded line says the view is in the audit trail.
 */
export function detailsModal(details: DetailsView): ModalView {
  return {
    type: "modal",
    title: plain("Patient details", BLOCK_KIT.modalTitle),
    close: plain("Close", BLOCK_KIT.modalButton),
    blocks: [
      { type: "section", text: ownMrkdwn(`*${details.reference}*`) },
      literalSection(details.place),
      { type: "section", text: ownMrkdwn("*Patient reference*") },
      literalSection(details.patientReference),
      ...(details.patientInitials
        ? [
            { type: "section" as const, text: ownMrkdwn("*Patient initials*") },
            literalSection(details.patientInitials),
          ]
        : []),
      { type: "section", text: ownMrkdwn("*What happened*") },
      ...literalSections(details.description),
      literalContext([`🔒 ${details.recordedLine}`]),
    ],
  };
}
