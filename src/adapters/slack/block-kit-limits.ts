/** Slack's Block Kit limits (docs.slack.dev, 2026); anything longer is refused by the API. */
export const BLOCK_KIT = {
  blocksPerMessage: 50,
  blocksPerModal: 100,
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  contextText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  optionText: 75,
  optionsPerSelect: 100,
  messageText: 40_000,
} as const;

/** Cuts text to `max` characters, ending with "…" when it had to cut (the store keeps it whole). */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join("")}…`;
}

/** Liaison's own labels as plain_text (emoji codes on): for a person's words use `literal`. */
export function plain(text: string, max: number): { type: "plain_text"; text: string; emoji: true } {
  return { type: "plain_text", text: truncate(text, max), emoji: true };
}
