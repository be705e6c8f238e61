import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";

// The validation module is plain ESM shared with scripts/teams-package.mjs (no .d.ts): typed here.
interface Manifest {
  [key: string]: unknown;
  id?: string;
  name?: { short?: string; full?: string };
  icons?: { color?: string; outline?: string };
  bots?: { botId: string; scopes: string[]; commandLists?: { scopes: string[]; commands: unknown[] }[] }[];
}
interface ValidationModule {
  TEAMS_DIR: string;
  REQUIRED_COMMANDS: string[];
  substitutePlaceholders(
    template: string,
    env: Record<string, string | undefined>,
  ): { manifest: Manifest | undefined; problems: string[] };
  validateTeamsManifest(manifest: unknown, options?: { iconDir?: string }): Promise<string[]>;
  readPngInfo(bytes: Buffer): { width: number; height: number; colorType: number } | undefined;
}
const validationModuleUrl = new URL("../../scripts/validate-teams-manifest.mjs", import.meta.url).href;
const { TEAMS_DIR, REQUIRED_COMMANDS, substitutePlaceholders, validateTeamsManifest, readPngInfo } =
  (await import(validationModuleUrl)) as ValidationModule;

const root = fileURLToPath(new URL("../..", import.meta.url));
const packageScript = path.join(root, "scripts/teams-package.mjs");
const BOT_ID = "0b7e3c1a-5d2f-4e8b-9a61-3f0c2d4e5a6b";
const APP_ID = "6f1d2c3b-4a59-4e87-b6c5-d4e3f2a1b0c9";
const template = readFileSync(path.join(TEAMS_DIR, "manifest.json"), "utf8");

function filled(env: Record<string, string> = { MICROSOFT_APP_ID: BOT_ID, TEAMS_APP_ID: APP_ID }): Manifest {
  const { manifest, problems } = substitutePlaceholders(template, env);
  expect(problems).toEqual([]);
  return manifest!;
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function runPackageScript(args: string[], env: Record<string, string | undefined>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv.MICROSOFT_APP_ID;
  delete childEnv.TEAMS_APP_ID;
  delete childEnv.TEAMS_PACKAGE_OUT;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [packageScript, ...args], {
      cwd: root,
      env: { ...childEnv, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout: string; stderr: string };
    return { code: failed.code ?? -1, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the Teams app manifest", () => {
  it("is a template whose ids are the {{TEAMS_APP_ID}} and {{MICROSOFT_APP_ID}} placeholders", () => {
    const raw = JSON.parse(template) as Manifest;
    expect(raw.id).toBe("{{TEAMS_APP_ID}}");
    expect(raw.bots?.[0]?.botId).toBe("{{MICROSOFT_APP_ID}}");
  });

  it("validates offline with no problems once the placeholders are filled", async () => {
    const manifest = filled();
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots?.[0]?.botId).toBe(BOT_ID);
    expect(await validateTeamsManifest(manifest)).toEqual([]);
  });

  it("uses the bot's id as the app id when TEAMS_APP_ID is not set", () => {
    expect(filled({ MICROSOFT_APP_ID: BOT_ID }).id).toBe(BOT_ID);
  });

  it("refuses a missing or malformed MICROSOFT_APP_ID", () => {
    expect(substitutePlaceholders(template, {}).problems).toEqual([
      expect.stringContaining("MICROSOFT_APP_ID is not set"),
    ]);
    expect(substitutePlaceholders(template, { MICROSOFT_APP_ID: "my-bot" }).problems).toEqual([
      expect.stringContaining("MICROSOFT_APP_ID must be a GUID"),
    ]);
    expect(
      substitutePlaceholders(template, { MICROSOFT_APP_ID: BOT_ID, TEAMS_APP_ID: "x" }).problems,
    ).toEqual([expect.stringContaining("TEAMS_APP_ID must be a GUID")]);
  });

  it("declares a personal and team bot with concern, status, mine, duty and help in each scope, and one's own answers in the personal chat", () => {
    const [bot] = filled().bots ?? [];
    expect(bot?.scopes).toEqual(["personal", "team"]);
    // supportsFiles: the export is sent as a file (a file consent card) in the personal chat.
    expect(bot).toMatchObject({ supportsFiles: true, isNotificationOnly: false });
    const titles = (scope: string) =>
      bot?.commandLists
        ?.find((candidate) => candidate.scopes.includes(scope))
        ?.commands.map((command) => (command as { title: string }).title) ?? [];
    expect(titles("team")).toEqual(REQUIRED_COMMANDS);
    expect(titles("personal").filter((t) => REQUIRED_COMMANDS.includes(t))).toEqual(REQUIRED_COMMANDS);
    expect(titles("personal").filter((t) => !REQUIRED_COMMANDS.includes(t))).toEqual([
      "home",
      "report",
      "export",
    ]);
  });

  it("ships a 192x192 opaque color icon and a 32x32 transparent outline icon", () => {
    const color = readPngInfo(readFileSync(path.join(TEAMS_DIR, "color.png")));
    const outline = readPngInfo(readFileSync(path.join(TEAMS_DIR, "outline.png")));
    expect(color).toMatchObject({ width: 192, height: 192 });
    expect(outline).toEqual({ width: 32, height: 32, colorType: 6 });
  });

  it("reports a manifest without a bot, with a long short name and wrong icon sizes", async () => {
    const broken = {
      ...filled(),
      bots: undefined,
      name: { short: "Liaison: patient concern escalation", full: "Liaison" },
      icons: { color: "outline.png", outline: "color.png" },
    };
    const problems = await validateTeamsManifest(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        "bots: the manifest declares no bot (Liaison is a bot)",
        "name.short: 35 characters, at most 30",
        "icons.color: outline.png is 32x32, must be 192x192",
        "icons.outline: color.png is 192x192, must be 32x32",
        expect.stringMatching(/^schema: \/name\/short must NOT have more than 30 characters/),
      ]),
    );
  });

  it("reports a missing command, a long short description, a missing icon and unfilled placeholders", async () => {
    const broken = filled();
    broken.bots![0]!.commandLists![1]!.commands.pop();
    broken.description = { short: "x".repeat(81), full: "A description." };
    broken.icons = { color: "color.png", outline: "missing.png" };
    const problems = await validateTeamsManifest(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        "bots[0].commandLists[1] (team): missing command(s) help",
        "description.short: 81 characters, at most 80",
        expect.stringMatching(/^icons\.outline: missing\.png does not exist/),
      ]),
    );
    expect(await validateTeamsManifest(JSON.parse(template))).toEqual(
      expect.arrayContaining(["placeholders not substituted: {{TEAMS_APP_ID}}, {{MICROSOFT_APP_ID}}"]),
    );
  });

  it("refuses a $schema that is not bundled rather than downloading it", async () => {
    const problems = await validateTeamsManifest({ ...filled(), $schema: "https://example.org/schema.json" });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^\$schema must be https:/)]));
  });
});

describe("npm run teams:package", () => {
  it("writes a zip with exactly manifest.json, color.png and outline.png, the bot id filled in", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "liaison-teams-"));
    tempDirs.push(dir);
    const out = path.join(dir, "nested", "liaison-teams.zip");
    const result = await runPackageScript(["--out", out], { MICROSOFT_APP_ID: BOT_ID });
    expect(result.stderr).not.toMatch(/not built/);
    expect(result.code).toBe(0);

    const zip = await JSZip.loadAsync(readFileSync(out));
    const files = Object.values(zip.files).filter((entry) => !entry.dir);
    expect(files.map((entry) => entry.name).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(await zip.file("manifest.json")!.async("string")) as Manifest;
    expect(manifest.bots?.[0]?.botId).toBe(BOT_ID);
    expect(manifest.id).toBe(BOT_ID);
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{/);
    for (const [name, size] of [
      ["color.png", 192],
      ["outline.png", 32],
    ] as const) {
      const bytes = await zip.file(name)!.async("nodebuffer");
      expect(bytes.equals(readFileSync(path.join(TEAMS_DIR, name)))).toBe(true);
      expect(readPngInfo(bytes)).toMatchObject({ width: size, height: size });
    }
  });

  it("also takes the output path from TEAMS_PACKAGE_OUT and the app id from TEAMS_APP_ID", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "liaison-teams-"));
    tempDirs.push(dir);
    const out = path.join(dir, "app.zip");
    const result = await runPackageScript([], {
      MICROSOFT_APP_ID: BOT_ID,
      TEAMS_APP_ID: APP_ID,
      TEAMS_PACKAGE_OUT: out,
    });
    expect(result.code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const manifest = JSON.parse(await zip.file("manifest.json")!.async("string")) as Manifest;
    expect(manifest).toMatchObject({ id: APP_ID, bots: [{ botId: BOT_ID }] });
  });

  it("fails with a clear message when MICROSOFT_APP_ID is missing or not a GUID", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "liaison-teams-"));
    tempDirs.push(dir);
    const out = path.join(dir, "never.zip");

    const missing = await runPackageScript(["--out", out], {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("MICROSOFT_APP_ID is not set");

    const malformed = await runPackageScript(["--out", out], { MICROSOFT_APP_ID: "not-a-guid" });
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain(
      'MICROSOFT_APP_ID must be a GUID such as 00000000-0000-0000-0000-000000000000, got "not-a-guid"',
    );

    expect(() => readFileSync(out)).toThrow();
  });
});
