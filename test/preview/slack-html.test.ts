import { describe, expect, it } from "vitest";
import { cardBlocks } from "../../src/adapters/slack/slack-card-blocks.ts";
import { actionModal } from "../../src/adapters/slack/slack-modals.ts";
import type { Concern } from "../../src/core/concern/concern.ts";
import { actionForm } from "../../src/core/use-cases/card-action-dialogue.ts";
import { raiseConcern } from "../../src/core/use-cases/raise-concern.ts";
import { channelCardView } from "../../src/core/views/channel-card-view.ts";
import {
  blocksHtml,
  messageHtml,
  modalHtml,
  mrkdwnHtml,
  textHtml,
} from "../../scripts/preview/slack-html.ts";
import { coreContext, PAIN_DRAFT } from "../support/core-context.ts";
import { HOSTILE_TEXT, MARKER } from "../support/markup-probes.ts";
import { SLACK } from "../support/sample-directory.ts";

// The card previews' Block Kit renderer (npm run cards:preview); no browser needed to check its HTML.

const HTML_PROBE = `<img src=x onerror="alert('${MARKER}')"><script>alert(1)</script>`;
const PERSON_TEXT = `${HTML_PROBE} ${HOSTILE_TEXT}`;

/** Tags and attributes in the HTML that a person's text could have made. */
function markupFromPersonText(html: string): string[] {
  return [
    ...html.matchAll(/<(img|script|a\s[^>]*evil\.example|b>[^<]*(bold|urgent))[^>]*>/gi),
    ...html.matchAll(/\son\w+="/gi),
  ].map((m) => m[0]);
}

describe("the card preview's Slack renderer", () => {
  it("shows a person's words in a card as text: no HTML, links, mentions or bold from them", async () => {
    const { ctx, directory } = coreContext();
    const base = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    const person = { key: "slack:U1", displayName: PERSON_TEXT, platform: "slack" as const };
    const concern: Concern = {
      ...base,
      unit: PERSON_TEXT,
      room: PERSON_TEXT,
      description: PERSON_TEXT,
      reporter: person,
    };
    const html = messageHtml(
      { text: "", blocks: cardBlocks(channelCardView(directory, concern, base.createdAt)) },
      "14:00",
    );
    expect(markupFromPersonText(html)).toEqual([]);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(&#39;evil.example&#39;)&quot;&gt;");
    expect(html).toContain("&lt;!channel&gt;");
    expect(html).toContain("*bold*");
  });

  it("shows what a person typed into a modal as text", async () => {
    const { ctx, directory } = coreContext();
    const concern = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    const form = actionForm(directory, "add-note", concern, { text: PERSON_TEXT });
    const html = modalHtml(actionModal(form, "liaison_note_modal"));
    expect(markupFromPersonText(html)).toEqual([]);
    expect(html).toContain("&lt;script&gt;");
  });

  it("draws Liaison's own mrkdwn: bold, code, and a link it made, but never a script link", () => {
    expect(mrkdwnHtml("*PR-2026-00042* is `open` · <https://slack.com/archives/C1/p1|Open the card>")).toBe(
      '<b>PR-2026-00042</b> is <code>open</code> · <a href="https://slack.com/archives/C1/p1">Open the card</a>',
    );
    expect(mrkdwnHtml("<javascript:alert(1)|click>")).toBe("click");
    expect(mrkdwnHtml("a &lt;b&gt; &amp; c")).toBe("a &lt;b&gt; &amp; c");
  });

  it("shows plain_text literally, mrkdwn markers included", () => {
    expect(textHtml({ type: "plain_text", text: "*not bold* <b>x</b>" })).toBe(
      "*not bold* &lt;b&gt;x&lt;/b&gt;",
    );
    expect(
      blocksHtml([
        {
          type: "rich_text",
          elements: [
            { type: "rich_text_section", elements: [{ type: "link", url: "javascript:x", text: "y" }] },
          ],
        },
      ]),
    ).not.toContain("<a");
  });
});
