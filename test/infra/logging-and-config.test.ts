import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/infra/config/config.schema.ts";
import { loadConfig } from "../../src/infra/config/load-config.ts";
import { createLogger } from "../../src/infra/logging/pino-logger.ts";

describe("logging", () => {
  it("redacts patient data even if a caller passes it by mistake", () => {
    let out = "";
    const sink = new Writable({
      write(chunk, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    const logger = createLogger("info", sink);
    logger.info(
      {
        concern: "PR-2026-00001",
        description: "Mr Smith in pain",
        patientReference: "E123",
        draft: { note: "x" },
      },
      "oops",
    );
    expect(out).toContain("PR-2026-00001");
    expect(out).not.toContain("Mr Smith");
    expect(out).not.toContain("E123");
    expect(JSON.parse(out).draft.note).toBe("[redacted]");
  });
});

describe("Slack configuration", () => {
  it("needs the bot token and the signing secret together, and says which is missing", () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: "xoxb-1-2-abc" })).toThrow(
      "SLACK_SIGNING_SECRET: Slack needs both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or neither, to run without Slack)",
    );
    expect(() =>
      loadConfig({ SLACK_BOT_TOKEN: "xoxp-user-token", SLACK_SIGNING_SECRET: "0123456789abcdef" }),
    ).toThrow("SLACK_BOT_TOKEN: expected a bot token starting with xoxb- (OAuth & Permissions)");
    expect(() => loadConfig({ SLACK_API_URL: "slack-gov.com/api" })).toThrow(
      /SLACK_API_URL: expected a URL like https:\/\/slack-gov.com\/api\//,
    );
    expect(loadConfig({}).SLACK_BOT_TOKEN).toBeUndefined();
  });
});

describe("Teams configuration", () => {
  const GUID = "6f1c2a8e-5b7d-4c3e-9a10-2b4d6e8f0a1c";
  it("refuses Bot Framework's unauthenticated local mode unless it is asked for explicitly", () => {
    expect(() => loadConfig({ MICROSOFT_APP_PASSWORD: "secret" })).toThrow(
      "MICROSOFT_APP_ID: is empty, which is Bot Framework's local mode: it accepts requests from anyone. Set MICROSOFT_APP_ID, or TEAMS_LOCAL_MODE=true for development only",
    );
    expect(loadConfig({ TEAMS_LOCAL_MODE: "true" }).TEAMS_LOCAL_MODE).toBe("true");
    expect(() => loadConfig({ TEAMS_LOCAL_MODE: "yes" })).toThrow(
      'TEAMS_LOCAL_MODE: expected "true" or "false"',
    );
  });

  it("letters' links go over https: a plain-http public address is refused, except for localhost", () => {
    expect(() => loadConfig({ LIAISON_PUBLIC_URL: "http://liaison.example.org" })).toThrow(
      /LIAISON_PUBLIC_URL: expected an https:\/\/ address \(plain http only for localhost\)/,
    );
    expect(loadConfig({ LIAISON_PUBLIC_URL: "https://liaison.example.org" }).LIAISON_PUBLIC_URL).toBe(
      "https://liaison.example.org",
    );
    expect(loadConfig({ LIAISON_PUBLIC_URL: "http://localhost:3978" }).LIAISON_PUBLIC_URL).toBe(
      "http://localhost:3978",
    );
  });

  it("a SingleTenant bot needs its password and tenant", () => {
    expect(() => loadConfig({ MICROSOFT_APP_ID: GUID, MICROSOFT_APP_PASSWORD: "x" })).toThrow(
      "MICROSOFT_APP_TENANT_ID: a SingleTenant bot needs MICROSOFT_APP_ID, MICROSOFT_APP_TENANT_ID, and MICROSOFT_APP_PASSWORD or a certificate",
    );
    expect(() =>
      loadConfig({
        MICROSOFT_APP_ID: GUID,
        MICROSOFT_APP_TENANT_ID: GUID,
        MICROSOFT_APP_CERTIFICATE_THUMBPRINT: "A".repeat(40),
      }),
    ).toThrow(
      "MICROSOFT_APP_CERTIFICATE_KEY_FILE: certificate authentication needs both the thumbprint and the private key file",
    );
    const withCertificate = loadConfig({
      MICROSOFT_APP_ID: GUID,
      MICROSOFT_APP_TENANT_ID: GUID,
      MICROSOFT_APP_CERTIFICATE_THUMBPRINT: "A".repeat(40),
      MICROSOFT_APP_CERTIFICATE_KEY_FILE: "/etc/liaison/bot-key.pem",
    });
    expect(withCertificate.MICROSOFT_APP_PASSWORD).toBeUndefined();
    expect(() => loadConfig({ MICROSOFT_APP_ID: "liaison-bot" })).toThrow(
      "MICROSOFT_APP_ID: expected the bot's Microsoft App ID (Azure Bot → Configuration), a GUID",
    );
    expect(
      loadConfig({
        MICROSOFT_APP_ID: GUID,
        MICROSOFT_APP_TYPE: "UserAssignedMSI",
        MICROSOFT_APP_TENANT_ID: GUID,
      }).MICROSOFT_APP_TYPE,
    ).toBe("UserAssignedMSI");
  });
});

describe(".env.example", () => {
  it("lists exactly the variables Liaison reads", () => {
    const text = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
    const listed = [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(Object.keys(configSchema.shape).sort());
  });
});
