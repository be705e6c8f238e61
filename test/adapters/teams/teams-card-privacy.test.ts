import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { concernCard, concernFormCard } from "../../../src/adapters/teams/teams-cards.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { revealConcernDetails } from "../../../src/core/use-cases/reveal-concern-details.ts";
import { channelCardView } from "../../../src/core/views/channel-card-view.ts";
import { SHORTENED_HINT, WITHHELD_HINT } from "../../../src/core/views/private-details-on-card.ts";
import { checkAdaptiveCard, TEAMS_MAX_VERSION } from "../../support/adaptive-card-validation.ts";
import {
  cardPrivacyDirectoryFile,
  coreContextWithCardPrivacy,
  type CardPrivacySettings,
} from "../../support/card-privacy-directory.ts";
import { PAIN_DRAFT } from "../../support/core-context.ts";
import { cardOf } from "../../support/fake-bot-connector.ts";
import { sampleDirectory, SLACK } from "../../support/sample-directory.ts";
import { waitFor } from "../../support/slack-liaison.ts";
import { NURSE } from "../../support/teams-activities.ts";
import { teamsCardIssues } from "../../support/teams-card-extension.ts";
import { startTeamsLiaison, TEAMS_FORM } from "../../support/teams-liaison.ts";

type Json = Record<string, unknown>;

/** Every object in the card whose "type" is one of `types`, depth first. */
function findAll(node: unknown, ...types: string[]): Json[] {
  const found: Json[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (typeof n === "object" && n !== null) {
      const o = n as Json;
      if (typeof o.type === "string" && types.includes(o.type)) found.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(node);
  return found;
}

/** What a reader sees, block by block: a TextBlock's text, or a RichTextBlock's runs joined. */
const shown = (card: Json) =>
  findAll(card, "TextBlock", "RichTextBlock").map((t) =>
    t.type === "TextBlock" ? String(t.text) : (t.inlines as Json[]).map((r) => String(r.text)).join(""),
  );

/** Valid Adaptive Cards 1.5 (the official schema and the SDK) with Teams' own additions, nothing unexpanded. */
function expectValid(card: Json) {
  expect(teamsCardIssues(card)).toEqual([]);
  expect(checkAdaptiveCard(card).issues).toEqual([]);
  expect(card.version).toBe(TEAMS_MAX_VERSION);
  expect(JSON.stringify(card)).not.toContain("${");
}

/** The pain concern's Teams card (4 West, room 412, E20260417) in a hospital with these settings. */
async function teamsCard(settings: CardPrivacySettings, draft: Record<string, string> = {}) {
  const world = coreContextWithCardPrivacy(settings);
  const concern = await raiseConcern(world.ctx, { ...PAIN_DRAFT, ...draft }, SLACK.nurse);
  const card = concernCard(channelCardView(world.directory, concern, world.clock.now())) as Json;
  expectValid(card);
  return { card, lines: shown(card), all: JSON.stringify(card) };
}

/** The line after "Department: …" is where the description (or its hint) begins. */
const afterFacts = (lines: string[]) => lines.slice(lines.findIndex((l) => l.startsWith("Department: ")) + 1);

describe("each card privacy level, as Teams draws it (and each a valid Adaptive Card 1.5)", () => {
  it("masked reference and full description (the default): both as before", async () => {
    const { lines } = await teamsCard({});
    expect(lines).toContain("Patient ref.: •••417");
    expect(afterFacts(lines)[0]).toBe(PAIN_DRAFT.description);
    expect(lines.join("\n")).not.toContain("permitted staff");
  });

  it("room only: the unit and room, and no patient line", async () => {
    const { lines, all } = await teamsCard({ hospital: { patient: "room-only" } }, { patientInitials: "JD" });
    expect(lines).toContain("Unit / room: 4 West · 412");
    expect(lines.filter((l) => l.startsWith("Patient"))).toEqual([]);
    expect(all).not.toMatch(/•••|E20260417|"JD"/);
  });

  it("room and initials: a Patient initials line, and no reference", async () => {
    const { lines, all } = await teamsCard(
      { hospital: { patient: "room-and-initials" } },
      { patientInitials: "J.D." },
    );
    expect(lines).toContain("Patient initials: JD");
    expect(all).not.toMatch(/•••|E20260417/);
  });

  it("room and initials, none given: the room only", async () => {
    const { lines } = await teamsCard({ hospital: { patient: "room-and-initials" } });
    expect(lines.filter((l) => l.startsWith("Patient"))).toEqual([]);
  });

  it("first characters: the shortened description, then the hint in small print", async () => {
    const { card, lines, all } = await teamsCard({
      hospital: { description: { show: "first-characters", characters: 40 } },
    });
    expect(afterFacts(lines).slice(0, 2)).toEqual(["Pain not controlled for 2 hours after…", SHORTENED_HINT]);
    const hint = findAll(card, "TextRun").find((r) => r.text === SHORTENED_HINT);
    expect(hint).toMatchObject({ isSubtle: true, size: "small" });
    expect(all).not.toContain("charge nurse");
  });

  it("category only: no description at all, the category in the facts, and the hint", async () => {
    const { lines, all } = await teamsCard({ hospital: { description: { show: "category-only" } } });
    expect(lines).toContain("Category: Pain not managed");
    expect(afterFacts(lines)[0]).toBe(WITHHELD_HINT);
    expect(all).not.toContain("PRN");
  });

  it("a department's override: Behavioral Health-like cards show less than the rest of the hospital", async () => {
    const { lines } = await teamsCard({
      departments: { "nursing-4w": { patient: "room-only", description: { show: "category-only" } } },
    });
    expect(lines.filter((l) => l.startsWith("Patient"))).toEqual([]);
    expect(afterFacts(lines)[0]).toBe(WITHHELD_HINT);
  });
});

describe("Show details on Teams, for a card that shows the room only", () => {
  it("the answer card shows its presser the initials beside the reference, and is still a valid card", async () => {
    const world = coreContextWithCardPrivacy({ hospital: { patient: "room-only" } });
    const concern = await raiseConcern(world.ctx, { ...PAIN_DRAFT, patientInitials: "JD" }, SLACK.nurse);
    const pat = { platform: "slack", userId: "U04PMORGN07", displayName: "Pat Morgan" } as const;
    const reply = await revealConcernDetails(world.ctx, concern.id, pat);
    if (reply.kind !== "details") throw new Error("expected the details");
    const card = concernCard(reply.view, undefined, reply.details) as Json;
    expectValid(card);
    const lines = shown(card);
    expect(lines.filter((l) => l.startsWith("Patient"))).toEqual([
      "Patient details (only you see this)",
      "Patient reference: E20260417",
      "Patient initials: JD",
    ]);
  });
});

describe("the Teams raise form", () => {
  const inputIds = (card: Json) => findAll(card, "Input.Text").map((i) => i.id);

  it("asks for the patient's initials only when some card may show them, and stays a valid card", () => {
    const plain = concernFormCard(sampleDirectory(), {}) as Json;
    expect(inputIds(plain)).not.toContain("patientInitials");
    const { directory } = coreContextWithCardPrivacy({
      departments: { "patient-relations": { patient: "room-and-initials" } },
    });
    const asking = concernFormCard(
      directory,
      { patientInitials: "Jane" },
      {
        patientInitials: "Give the patient's initials only: 1 to 3 letters, like J.D. (never the name).",
      },
    ) as Json;
    expectValid(asking);
    const ids = inputIds(asking);
    expect(ids.indexOf("patientInitials")).toBe(ids.indexOf("patientReference") + 1);
    expect(findAll(asking, "Input.Text").find((i) => i.id === "patientInitials")).toMatchObject({
      label: "Patient initials (optional)",
      value: "Jane",
    });
    expect(shown(asking)).toContain(
      "Give the patient's initials only: 1 to 3 letters, like J.D. (never the name).",
    );
  });
});

describe("Teams, end to end: a hospital whose cards show initials and the first 40 characters", () => {
  let rig: Awaited<ReturnType<typeof startTeamsLiaison>>;

  beforeAll(async () => {
    const file = cardPrivacyDirectoryFile(
      "  cardPrivacy:\n    patient: room-and-initials\n    description: { show: first-characters, characters: 40 }\n",
    );
    rig = await startTeamsLiaison({ LIAISON_DIRECTORY_FILE: file });
  });
  afterAll(async () => {
    await rig?.stop();
  });

  it("the nurse types the initials on the form; the channel card shows them and the shortened description", async () => {
    const answer = await rig.invoke(NURSE, "liaison.raise", {
      ...TEAMS_FORM,
      patientInitials: "j.d.",
      description: PAIN_DRAFT.description,
    });
    const reference = /PR-\d{4}-\d{5}/.exec(JSON.stringify(answer.value))![0];
    const post = await waitFor(() =>
      rig.connector.calls.find(
        (c) => c.path === "/v3/conversations" && JSON.stringify(c.body).includes(reference),
      ),
    );
    const card = cardOf(post.body)!;
    expectValid(card);
    const lines = shown(card);
    expect(lines).toContain("Patient initials: JD");
    expect(afterFacts(lines).slice(0, 2)).toEqual(["Pain not controlled for 2 hours after…", SHORTENED_HINT]);
    expect(JSON.stringify(post.body)).not.toMatch(/•••|E20260417|charge nurse/);
  });

  it("initials that look like a name come back next to the field, with everything typed kept", async () => {
    const answer = await rig.invoke(NURSE, "liaison.raise", { ...TEAMS_FORM, patientInitials: "Jane" });
    const form = answer.value as Json;
    expect(shown(form)).toContain(
      "Give the patient's initials only: 1 to 3 letters, like J.D. (never the name).",
    );
    expect(findAll(form, "Input.Text").find((i) => i.id === "patientInitials")).toMatchObject({
      value: "Jane",
    });
  });
});
