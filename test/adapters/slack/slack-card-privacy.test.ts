import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardBlocks, type Block } from "../../../src/adapters/slack/slack-card-blocks.ts";
import { concernModal } from "../../../src/adapters/slack/slack-modals.ts";
import { detailsModal } from "../../../src/adapters/slack/slack-details-modal.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { revealConcernDetails } from "../../../src/core/use-cases/reveal-concern-details.ts";
import { channelCardView } from "../../../src/core/views/channel-card-view.ts";
import { SHORTENED_HINT, WITHHELD_HINT } from "../../../src/core/views/private-details-on-card.ts";
import type { RunningLiaison } from "../../../src/main.ts";
import {
  cardPrivacyDirectoryFile,
  coreContextWithCardPrivacy,
  type CardPrivacySettings,
} from "../../support/card-privacy-directory.ts";
import { PAIN_DRAFT } from "../../support/core-context.ts";
import type { FakeSlackApi } from "../../support/fake-slack-api.ts";
import { sampleDirectory, SLACK } from "../../support/sample-directory.ts";
import { startSlackLiaison, waitFor } from "../../support/slack-liaison.ts";
import { SLACK_NURSE } from "../../support/slack-people.ts";
import { interactionBody, postToSlackEndpoint, viewSubmissionPayload } from "../../support/slack-requests.ts";

type Node = Record<string, unknown>;
const textOf = (node: unknown): string => {
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (!node || typeof node !== "object") return "";
  const o = node as Node;
  if (typeof o.text === "string") return o.text;
  if (o.text && typeof o.text === "object") return textOf(o.text);
  return textOf(o.elements);
};
/** What a reader sees, block by block, in the order Slack shows it. */
const shown = (blocks: readonly Block[]) => blocks.map((b) => textOf(b));

/** The pain concern's Slack card (4 West, room 412, E20260417) in a hospital with these settings. */
async function slackCard(settings: CardPrivacySettings, draft: Record<string, string> = {}) {
  const world = coreContextWithCardPrivacy(settings);
  const concern = await raiseConcern(world.ctx, { ...PAIN_DRAFT, ...draft }, SLACK.nurse);
  const blocks = cardBlocks(channelCardView(world.directory, concern, world.clock.now()));
  return { blocks, lines: shown(blocks), all: JSON.stringify(blocks) };
}

const FACTS = 2; // header, deadline, then the facts
const DESCRIPTION_AT = 3;

describe("each card privacy level, as Slack draws it", () => {
  it("masked reference and full description (the default): both as before", async () => {
    const { lines } = await slackCard({});
    expect(lines[FACTS]).toContain("Patient ref.: •••417");
    expect(lines[DESCRIPTION_AT]).toBe(PAIN_DRAFT.description);
    expect(lines.join("\n")).not.toContain("permitted staff");
  });

  it("room only: the facts say the unit and room, and nothing of the patient", async () => {
    const { lines, all } = await slackCard({ hospital: { patient: "room-only" } }, { patientInitials: "JD" });
    expect(lines[FACTS]).toContain("Unit / room: 4 West · 412");
    expect(lines[FACTS]).not.toContain("Patient");
    expect(all).not.toMatch(/•••|E20260417|"JD"/);
  });

  it("room and initials: a Patient initials line, and no reference", async () => {
    const { lines, all } = await slackCard(
      { hospital: { patient: "room-and-initials" } },
      { patientInitials: "J.D." },
    );
    expect(lines[FACTS]).toContain("Patient initials: JD");
    expect(all).not.toMatch(/•••|E20260417/);
  });

  it("room and initials, none given: the room only", async () => {
    const { lines } = await slackCard({ hospital: { patient: "room-and-initials" } });
    expect(lines[FACTS]).not.toContain("Patient");
  });

  it("first characters: the shortened description, then the hint in small print", async () => {
    const { blocks, lines, all } = await slackCard({
      hospital: { description: { show: "first-characters", characters: 40 } },
    });
    expect(lines[DESCRIPTION_AT]).toBe("Pain not controlled for 2 hours after…");
    expect(blocks[DESCRIPTION_AT + 1]).toMatchObject({ type: "context" });
    expect(lines[DESCRIPTION_AT + 1]).toBe(SHORTENED_HINT);
    expect(all).not.toContain("charge nurse");
  });

  it("category only: no description block at all, the category in the facts, and the hint", async () => {
    const { blocks, lines, all } = await slackCard({ hospital: { description: { show: "category-only" } } });
    expect(lines[FACTS]).toContain("Category: Pain not managed");
    expect(blocks[DESCRIPTION_AT]).toMatchObject({ type: "context" });
    expect(lines[DESCRIPTION_AT]).toBe(WITHHELD_HINT);
    expect(all).not.toContain("PRN");
  });

  it("a department's override: Behavioral Health-like cards show less than the rest of the hospital", async () => {
    const { lines } = await slackCard({
      departments: { "nursing-4w": { patient: "room-only", description: { show: "category-only" } } },
    });
    expect(lines[FACTS]).not.toContain("Patient");
    expect(lines[DESCRIPTION_AT]).toBe(WITHHELD_HINT);
  });
});

describe("Show details on Slack, for a card that shows the room only", () => {
  it("the modal shows its presser the initials after the reference", async () => {
    const world = coreContextWithCardPrivacy({ hospital: { patient: "room-only" } });
    const concern = await raiseConcern(world.ctx, { ...PAIN_DRAFT, patientInitials: "JD" }, SLACK.nurse);
    const pat = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;
    const reply = await revealConcernDetails(world.ctx, concern.id, pat);
    if (reply.kind !== "details") throw new Error("expected the details");
    const lines = shown(detailsModal(reply.details).blocks as Block[]);
    const at = lines.indexOf("*Patient reference*");
    expect(lines.slice(at, at + 4)).toEqual(["*Patient reference*", "E20260417", "*Patient initials*", "JD"]);
  });
});

describe("the Slack raise form", () => {
  const blockIds = (directory: Parameters<typeof concernModal>[0]) =>
    concernModal(directory, {}, "").blocks.map((b) => (b as { block_id?: string }).block_id);

  it("asks for the patient's initials only when some card may show them", () => {
    expect(blockIds(sampleDirectory())).not.toContain("patientInitials");
    const { directory } = coreContextWithCardPrivacy({
      departments: { "patient-relations": { patient: "room-and-initials" } },
    });
    const ids = blockIds(directory);
    expect(ids.indexOf("patientInitials")).toBe(ids.indexOf("patientReference") + 1);
    const initials = concernModal(directory, { patientInitials: "J.D." }, "").blocks.find(
      (b) => (b as { block_id?: string }).block_id === "patientInitials",
    );
    expect(initials).toMatchObject({ optional: true, element: { initial_value: "J.D." } });
  });
});

describe("Slack, end to end: a hospital whose cards show initials and the first 40 characters", () => {
  let liaison: RunningLiaison;
  let slack: FakeSlackApi;
  let baseUrl: string;

  beforeAll(async () => {
    const file = cardPrivacyDirectoryFile(
      "  cardPrivacy:\n    patient: room-and-initials\n    description: { show: first-characters, characters: 40 }\n",
    );
    ({ liaison, slack, baseUrl } = await startSlackLiaison({ config: { LIAISON_DIRECTORY_FILE: file } }));
  });
  afterAll(async () => {
    await liaison?.stop();
    await slack?.stop();
  });

  it("the nurse types the initials on the form; the channel card shows them and the shortened description", async () => {
    const values = {
      unit: "4W",
      room: "412",
      patientReference: "E20260417",
      patientInitials: "j.d.",
      category: "pain",
      severity: "high",
      description: PAIN_DRAFT.description,
      grievance: [],
    };
    const res = await postToSlackEndpoint(
      baseUrl,
      interactionBody(viewSubmissionPayload(SLACK_NURSE, "liaison_concern", values)),
      "application/x-www-form-urlencoded",
    );
    expect(res.status).toBe(200);
    const card = await waitFor(() =>
      slack.callsTo("chat.postMessage").find((c) => c.args.channel === "C04NURS4W01" && !c.args.thread_ts),
    );
    const lines = shown(card.args.blocks as Block[]);
    expect(lines[FACTS]).toContain("Patient initials: JD");
    expect(lines[DESCRIPTION_AT]).toBe("Pain not controlled for 2 hours after…");
    expect(lines[DESCRIPTION_AT + 1]).toBe(SHORTENED_HINT);
    const everything = JSON.stringify(card.args);
    expect(everything).not.toMatch(/•••|E20260417|charge nurse/);
  });

  it("initials that look like a name are refused next to the field, and nothing is raised", async () => {
    // The earlier story's own messages may still be arriving: only a card of this one would say this.
    const ofThisConcern = () =>
      slack.callsTo("chat.postMessage").filter((c) => JSON.stringify(c.args).includes("Pain again."));
    const res = await postToSlackEndpoint(
      baseUrl,
      interactionBody(
        viewSubmissionPayload(SLACK_NURSE, "liaison_concern", {
          unit: "4W",
          room: "412",
          patientInitials: "Jane",
          category: "pain",
          severity: "high",
          description: "Pain again.",
          grievance: [],
        }),
      ),
      "application/x-www-form-urlencoded",
    );
    expect(await res.json()).toEqual({
      response_action: "errors",
      errors: {
        patientInitials: "Give the patient's initials only: 1 to 3 letters, like J.D. (never the name).",
      },
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(ofThisConcern()).toEqual([]);
  });
});
