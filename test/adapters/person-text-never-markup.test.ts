import { describe, expect, it } from "vitest";
import { channelCardView } from "../../src/core/views/channel-card-view.ts";
import type { Concern } from "../../src/core/concern/concern.ts";
import type { DigestContent } from "../../src/core/digest/digest.ts";
import { raiseConcern } from "../../src/core/use-cases/raise-concern.ts";
import { actionForm } from "../../src/core/use-cases/card-action-dialogue.ts";
import { cardBlocks, cardFallbackText, digestBlocks } from "../../src/adapters/slack/slack-card-blocks.ts";
import { literalReply, mineReply, statusReply } from "../../src/adapters/slack/slack-replies.ts";
import {
  concernCard,
  concernFormCard,
  digestCard,
  messageCard,
  actionFormCard,
} from "../../src/adapters/teams/teams-cards.ts";
import { literalMessage } from "../../src/adapters/teams/teams-text.ts";
import { homeTab } from "../../src/adapters/slack/slack-home.ts";
import { reportReply } from "../../src/adapters/slack/slack-replies.ts";
import { homeCard } from "../../src/adapters/teams/teams-home-card.ts";
import { teamsReportCard } from "../../src/adapters/teams/teams-report-card.ts";
import { homeItem, homeSection, type HomeView } from "../../src/core/home/home-view.ts";
import type { ReportContent } from "../../src/core/use-cases/build-report.ts";
import { RecordingLogger } from "../support/recording-logger.ts";
import { coreContext, PAIN_DRAFT } from "../support/core-context.ts";
import { HOSTILE_TEXT, slackMarkupLeaks, teamsMarkupLeaks } from "../support/markup-probes.ts";
import { SLACK } from "../support/sample-directory.ts";

/** A concern in which every field a person typed, and every display name, is hostile. */
async function hostileConcern(status: Concern["status"]) {
  const { ctx, directory } = coreContext();
  const base = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
  const person = { key: "slack:U1", displayName: HOSTILE_TEXT, platform: "slack" as const };
  const concern: Concern = {
    ...base,
    unit: HOSTILE_TEXT,
    room: HOSTILE_TEXT,
    patientReference: HOSTILE_TEXT,
    description: HOSTILE_TEXT,
    // Sent from the family page: their contact is shown on the card in their words.
    grievanceCandidate: true,
    familyContact: HOSTILE_TEXT,
    status,
    reporter: person,
    acknowledgedBy: person,
    acknowledgedAt: base.createdAt,
    resolvedBy: person,
    resolvedAt: base.createdAt,
    resolutionNote: HOSTILE_TEXT,
    escalation: {
      ...base.escalation,
      level: 1,
      stepsFired: 1,
      lastEscalatedAt: base.createdAt,
      lastEscalatedBy: person,
    },
    // A survey link sent by someone with a hostile name (the card names who sent it).
    surveyInvitation: {
      id: "invitation-1",
      expiresAt: new Date(base.createdAt.getTime() + 86_400_000),
      by: person,
      at: base.createdAt,
    },
    reassignedFrom: {
      fromDepartment: "patient-relations" as never,
      by: person,
      at: base.createdAt,
      reason: HOSTILE_TEXT,
    },
    // A repeat with another concern merged into it by someone whose name is hostile.
    repeatOf: [{ id: base.id, reference: "PR-2026-00031", raisedAt: base.createdAt }],
    mergedFrom: [
      {
        concern: { id: base.id, reference: "PR-2026-00030", raisedAt: base.createdAt },
        by: person,
        at: base.createdAt,
      },
    ],
    cards: [
      {
        platform: "slack",
        departmentId: base.departmentId,
        channelId: "C04NURS4W01",
        messageId: "1764000000.000100",
        state: "active",
      },
    ],
  };
  return { directory, concern, view: channelCardView(directory, concern, base.createdAt) };
}

const hostileDigest = (): DigestContent => ({
  recipientName: HOSTILE_TEXT,
  generatedAt: "2026-11-24T20:00:00.000Z",
  timeZone: "America/Chicago",
  parkedDeliveries: 1,
  departments: [
    {
      departmentId: "nursing-4w" as never,
      name: "Nursing 4 West",
      items: [
        {
          concernId: "9b1f7d2e-0000-4000-8000-000000000001" as never,
          reference: "PR-2026-00042",
          severity: "high",
          categoryLabel: "Pain not managed",
          unit: HOSTILE_TEXT,
          room: HOSTILE_TEXT,
          status: "open",
          ownerName: HOSTILE_TEXT,
          ageMinutes: 2,
          clock: "acknowledge",
          state: "overdue",
          dueAt: "2026-11-24T19:58:00.000Z",
          overdueMinutes: 2,
        },
      ],
    },
  ],
});

const STATUSES: Concern["status"][] = ["open", "acknowledged", "resolved", "reopened"];

describe("what a person typed, or a profile's display name, is shown as typed and never acts as markup", () => {
  describe("in Slack (no ping, no disguised link, no formatting)", () => {
    it.each(STATUSES)("the card of a %s concern", async (status) => {
      const { view } = await hostileConcern(status);
      const message = { text: cardFallbackText(view), blocks: cardBlocks(view) };
      expect(slackMarkupLeaks(message)).toEqual([]);
      // Shown, not dropped: the description is on the card exactly as typed.
      expect(JSON.stringify(message.blocks)).toContain(JSON.stringify(HOSTILE_TEXT).slice(1, -1));
    });

    it("the card left behind after a reassignment, whose reason and mover are hostile", async () => {
      const { directory, concern } = await hostileConcern("open");
      const moved = channelCardView(directory, concern, concern.createdAt, "patient-relations" as never);
      expect(moved.statusLine).toContain(HOSTILE_TEXT);
      expect(slackMarkupLeaks({ text: cardFallbackText(moved), blocks: cardBlocks(moved) })).toEqual([]);
      expect(teamsMarkupLeaks(concernCard(moved))).toEqual([]);
    });

    it("a merged card, whose merger and reason are hostile", async () => {
      const { directory, concern } = await hostileConcern("resolved");
      const by = concern.reporter;
      const mergedInto = {
        concern: { id: concern.id, reference: "PR-2026-00031", raisedAt: concern.createdAt },
        by,
        at: concern.createdAt,
        reason: HOSTILE_TEXT,
      };
      const merged = channelCardView(directory, { ...concern, mergedInto }, concern.createdAt);
      expect(merged.statusLine).toContain(HOSTILE_TEXT);
      expect(merged.resolutionLine).toContain(HOSTILE_TEXT);
      expect(merged.mergeLine).toContain(HOSTILE_TEXT);
      expect(slackMarkupLeaks({ text: cardFallbackText(merged), blocks: cardBlocks(merged) })).toEqual([]);
      expect(teamsMarkupLeaks(concernCard(merged))).toEqual([]);
    });

    it("the overdue digest", () => {
      const blocks = digestBlocks(hostileDigest(), () => "https://slack.com/archives/C04NURS4W01/p1");
      expect(slackMarkupLeaks({ text: "Liaison digest", blocks })).toEqual([]);
    });

    it("status, mine, and any reply that quotes what was typed", async () => {
      const { directory, concern } = await hostileConcern("acknowledged");
      const now = concern.createdAt;
      expect(slackMarkupLeaks(statusReply(directory, concern, now))).toEqual([]);
      expect(slackMarkupLeaks(mineReply(directory, [concern], now))).toEqual([]);
      expect(slackMarkupLeaks(literalReply(`What you typed: ${HOSTILE_TEXT}`))).toEqual([]);
    });
  });

  describe("in Teams (no Markdown link, no emphasis, no template binding)", () => {
    it.each(STATUSES)("the card of a %s concern", async (status) => {
      const { view } = await hostileConcern(status);
      const card = concernCard(view);
      expect(teamsMarkupLeaks(card)).toEqual([]);
      // The binding-looking "${concernId}" a person typed is kept as text, not evaluated.
      expect(JSON.stringify(card)).toContain(JSON.stringify(HOSTILE_TEXT).slice(1, -1));
    });

    it("direct messages, thread replies and the digest", async () => {
      const { view } = await hostileConcern("open");
      expect(teamsMarkupLeaks(messageCard(HOSTILE_TEXT, view, "https://teams.microsoft.com/l/x"))).toEqual(
        [],
      );
      expect(teamsMarkupLeaks(literalMessage(`Note from ${HOSTILE_TEXT}: ${HOSTILE_TEXT}`))).toEqual([]);
      expect(teamsMarkupLeaks(digestCard(hostileDigest(), () => "https://teams.microsoft.com/l/x"))).toEqual(
        [],
      );
    });

    it("forms re-shown with errors keep the typed values and show errors as text", async () => {
      const { directory } = await hostileConcern("open");
      const values = { unit: HOSTILE_TEXT, description: HOSTILE_TEXT };
      const form = concernFormCard(directory, values, {
        form: HOSTILE_TEXT,
        unit: HOSTILE_TEXT,
        description: HOSTILE_TEXT,
      });
      expect(teamsMarkupLeaks(form)).toEqual([]);
      const subject = { id: "x", reference: HOSTILE_TEXT, departmentId: "", isGrievance: true };
      for (const action of ["add-note", "reassign"] as const) {
        const typed = { text: HOSTILE_TEXT, reason: HOSTILE_TEXT, department: HOSTILE_TEXT };
        const errors = { text: HOSTILE_TEXT, department: HOSTILE_TEXT, form: HOSTILE_TEXT };
        const input = actionFormCard(actionForm(directory, action, subject, typed, errors));
        expect(teamsMarkupLeaks(input)).toEqual([]);
      }
    });
  });

  describe("on a person's home and in a report, on both platforms", () => {
    it("a home whose every line quotes a hostile concern and person", async () => {
      const { directory, concern } = await hostileConcern("acknowledged");
      const now = new Date(concern.createdAt.getTime() + 60_000);
      const item = homeItem(directory, concern, now);
      const home: HomeView = {
        heading: `Liaison · ${HOSTILE_TEXT}`,
        scopeLine: HOSTILE_TEXT,
        updatedLine: "Updated 14:00",
        sections: [homeSection("mine", { title: HOSTILE_TEXT, empty: HOSTILE_TEXT }, [concern], () => item)],
      };
      expect(slackMarkupLeaks({ text: "", blocks: homeTab(directory, home).blocks })).toEqual([]);
      expect(teamsMarkupLeaks(homeCard(directory, home, ["29:x"], HOSTILE_TEXT))).toEqual([]);
    });

    it("a report whose title and lines carry hostile names", async () => {
      const content = {
        title: `Concerns report: ${HOSTILE_TEXT}`,
        scope: HOSTILE_TEXT,
        lines: [`Top units: ${HOSTILE_TEXT} 3`],
        chart: { altText: HOSTILE_TEXT },
      } as unknown as ReportContent;
      expect(slackMarkupLeaks(reportReply(content))).toEqual([]);
      const painter = { paintReport: () => Promise.resolve(new Uint8Array([1, 2, 3])) };
      const card = await teamsReportCard(content, { charts: painter, logger: new RecordingLogger() });
      expect(teamsMarkupLeaks(card)).toEqual([]);
    });
  });
});
