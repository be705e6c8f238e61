/**
 * Hostile text, and detectors that say where it would be parsed as markup. Every probe carries the
 * marker "evil.example", so a detector only has to find the marker in a place that parses markup.
 */
export const HOSTILE = {
  /** Slack: pings, a user mention and a disguised link, plus mrkdwn formatting and an emoji code. */
  slack:
    "<!channel> <!everyone> <@U04SAMRVR02> <https://evil.example|click> *bold* _it_ ~x~ `c` :fire: &amp;",
  /** Teams: a Markdown phishing link, emphasis, a list marker and a template binding. */
  teams: "[IT Helpdesk: re-login here](https://evil.example/login) **urgent** _x_ - item ${concernId}",
};
/** Both at once, for fields that reach both platforms. */
export const HOSTILE_TEXT = `${HOSTILE.slack} ${HOSTILE.teams}`;
export const MARKER = "evil.example";

type Json = Record<string, unknown>;

function walk(node: unknown, visit: (o: Json, path: string) => void, path = "$"): void {
  if (Array.isArray(node)) return node.forEach((n, i) => walk(n, visit, `${path}[${i}]`));
  if (!node || typeof node !== "object") return;
  visit(node as Json, path);
  for (const [k, v] of Object.entries(node)) walk(v, visit, `${path}.${k}`);
}

/**
 * Where a Slack message (top-level text plus blocks) would let hostile text act: in a mrkdwn object,
 * in a plain_text object that turns emoji codes into emoji, or unescaped in the top-level text.
 */
export function slackMarkupLeaks(message: { text?: unknown; blocks?: unknown }): string[] {
  const leaks: string[] = [];
  const top = String(message.text ?? "");
  if (/<[!@#]|<https?:/.test(top)) leaks.push(`$.text: ${top.slice(0, 80)}`);
  walk(message.blocks, (o, path) => {
    const text = typeof o.text === "string" ? o.text : "";
    if (!text.includes(MARKER) && !text.includes(":fire:")) return;
    if (o.type === "mrkdwn") leaks.push(`${path} (mrkdwn)`);
    if (o.type === "plain_text" && o.emoji !== false) leaks.push(`${path} (plain_text with emoji)`);
  });
  return leaks;
}

/** Where an activity or card would render hostile text as Markdown (anything but a TextRun or an input). */
export function teamsMarkupLeaks(activityOrCard: unknown): string[] {
  const leaks: string[] = [];
  walk(activityOrCard, (o, path) => {
    const has = (key: string) => typeof o[key] === "string" && (o[key] as string).includes(MARKER);
    if (o.type === "TextBlock" && has("text")) leaks.push(`${path} (TextBlock)`);
    if (
      (has("title") || has("value")) &&
      !String(o.type ?? "").startsWith("Input.") &&
      !path.includes("data")
    )
      leaks.push(`${path} (fact or title)`);
    // A message's own text is Markdown in Teams unless it says otherwise.
    if (o.type === "message" && has("text") && o.textFormat !== "plain") leaks.push(`${path} (message text)`);
  });
  return leaks;
}
