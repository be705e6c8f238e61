import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const manifest = parse(readFileSync(new URL("../../manifests/slack/manifest.yml", import.meta.url), "utf8"));
const source = readFileSync(new URL("../../src/adapters/slack/slack-app.ts", import.meta.url), "utf8");

describe("the Slack app manifest", () => {
  it("declares /concern, interactivity and events on Liaison's one endpoint", () => {
    const [command] = manifest.features.slash_commands;
    expect(command).toMatchObject({ command: "/concern", should_escape: false });
    for (const url of [
      command.url,
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
    ]) {
      expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    }
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it("asks for the minimal scopes, each of which the code uses", () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      "app_mentions:read",
      "chat:write",
      "commands",
      "files:write",
      "im:write",
      "usergroups:read",
      "users:read",
    ]);
    // The read scopes are for the responder groups, and only the methods they allow are called.
    const groups = readFileSync(
      new URL("../../src/adapters/slack/slack-user-groups.ts", import.meta.url),
      "utf8",
    );
    const calls = [...groups.matchAll(/client\.([a-z]+(?:\.[a-z]+)+)\(/gi)].map((m) => m[1]).sort();
    expect(calls).toEqual(["usergroups.list", "usergroups.users.list", "users.info"]);
    // files:write is for a report's chart and an export, shared in the asker's direct messages.
    const report = readFileSync(
      new URL("../../src/adapters/slack/slack-direct-share.ts", import.meta.url),
      "utf8",
    );
    expect([...report.matchAll(/client\.([a-zA-Z0-9]+(?:\.[a-zA-Z0-9]+)*)\(/g)].map((m) => m[1])).toEqual([
      "conversations.open",
      "filesUploadV2",
    ]);
  });

  it("subscribes to exactly the events Liaison handles", () => {
    const handled = [...source.matchAll(/app\.event\("([a-z_]+)"/g)].map((m) => m[1]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(handled);
  });

  it("fits Slack's display limits", () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    const long = manifest.display_information.long_description.length;
    expect(long).toBeGreaterThanOrEqual(175);
    expect(long).toBeLessThanOrEqual(4000);
    expect(manifest.features.slash_commands[0].description.length).toBeLessThanOrEqual(100);
  });
});
