// Validation of the Teams app package, shared by scripts/teams-package.mjs and
// test/manifests/teams-manifest.test.ts. Works offline: the JSON schema comes from the copy bundled in
// @microsoft/app-manifest (a manifest whose $schema is not bundled is a problem, never a download).
//
//   substitutePlaceholders(templateText, env) -> { manifest, problems }
//   validateTeamsManifest(manifest, { iconDir }) -> Promise<string[]>   (empty: no problems)
//   readPngInfo(buffer) -> { width, height, colorType } | undefined
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AppManifestUtils } from "@microsoft/app-manifest";

export const TEAMS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../manifests/teams");
export const REQUIRED_COMMANDS = ["concern", "status", "mine", "duty", "help"];
export const ICON_SIZES = { color: 192, outline: 32 };
export const SHORT_NAME_MAX = 30;
export const SHORT_DESCRIPTION_MAX = 80;
export const PLACEHOLDERS = { appId: "{{TEAMS_APP_ID}}", botId: "{{MICROSOFT_APP_ID}}" };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SCHEMA_URL =
  /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/(teams\/[^?#]+\.json)$/i;

export const isGuid = (value) => typeof value === "string" && GUID.test(value);

/**
 * Fills the committed manifest template: {{MICROSOFT_APP_ID}} (the bot's Microsoft App ID, required) and
 * {{TEAMS_APP_ID}} (the Teams app id; optional, defaults to the bot's id so it stays stable).
 */
export function substitutePlaceholders(templateText, env) {
  const problems = [];
  const botId = env.MICROSOFT_APP_ID?.trim();
  const appId = env.TEAMS_APP_ID?.trim() || botId;
  if (!botId) {
    problems.push(
      "MICROSOFT_APP_ID is not set: set it to the bot's Microsoft App ID (a GUID, from its Azure Bot / Entra app registration)",
    );
  } else if (!isGuid(botId)) {
    problems.push(
      `MICROSOFT_APP_ID must be a GUID such as 00000000-0000-0000-0000-000000000000, got "${botId}"`,
    );
  }
  if (env.TEAMS_APP_ID?.trim() && !isGuid(appId)) {
    problems.push(`TEAMS_APP_ID must be a GUID when set, got "${appId}"`);
  }
  if (problems.length > 0) return { manifest: undefined, problems };
  const text = templateText.replaceAll(PLACEHOLDERS.botId, botId).replaceAll(PLACEHOLDERS.appId, appId);
  try {
    return { manifest: JSON.parse(text), problems };
  } catch (error) {
    return { manifest: undefined, problems: [`manifest.json is not valid JSON: ${error.message}`] };
  }
}

/** Width, height and colour type from a PNG's IHDR chunk, or undefined when `bytes` is not a PNG. */
export function readPngInfo(bytes) {
  if (bytes.length < 29 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  if (bytes.toString("ascii", 12, 16) !== "IHDR") return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colorType: bytes[25] };
}

/** The JSON schema named by `$schema`, from @microsoft/app-manifest's bundled copies only (no network). */
async function loadBundledSchema(schemaUrl) {
  const match = typeof schemaUrl === "string" ? SCHEMA_URL.exec(schemaUrl) : null;
  if (!match) {
    return {
      problem: `$schema must be https://developer.microsoft.com/json-schemas/teams/v1.NN/MicrosoftTeams.schema.json, got ${JSON.stringify(schemaUrl)}`,
    };
  }
  const packageDir = path.dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest"));
  const local = path.join(packageDir, "json-schemas", match[1]); // build/json-schemas/teams/...
  if (!existsSync(local)) {
    return {
      problem: `$schema ${schemaUrl} is not bundled with @microsoft/app-manifest (offline validation)`,
    };
  }
  // The file exists, so AppManifestUtils.fetchSchema reads it from disk instead of downloading it.
  const canonical = `https://developer.microsoft.com/json-schemas/${match[1]}`;
  return { schema: await AppManifestUtils.fetchSchema(canonical) };
}

function checkIcon(problems, iconDir, kind, relativePath) {
  if (typeof relativePath !== "string") return; // the schema reports a missing icon
  const file = path.resolve(iconDir, relativePath);
  if (path.dirname(file) !== path.resolve(iconDir)) {
    problems.push(`icons.${kind}: "${relativePath}" must be a file name at the package root`);
    return;
  }
  if (!existsSync(file)) {
    problems.push(`icons.${kind}: ${relativePath} does not exist in ${iconDir}`);
    return;
  }
  const info = readPngInfo(readFileSync(file));
  const size = ICON_SIZES[kind];
  if (!info) {
    problems.push(`icons.${kind}: ${relativePath} is not a PNG`);
    return;
  }
  if (info.width !== size || info.height !== size) {
    problems.push(`icons.${kind}: ${relativePath} is ${info.width}x${info.height}, must be ${size}x${size}`);
  }
  if (kind === "outline" && info.colorType !== 6 && info.colorType !== 4) {
    problems.push(`icons.outline: ${relativePath} has no alpha channel, must be white on transparent`);
  }
}

function checkBots(problems, bots) {
  if (!Array.isArray(bots) || bots.length === 0) {
    problems.push("bots: the manifest declares no bot (Liaison is a bot)");
    return;
  }
  bots.forEach((bot, b) => {
    const lists = Array.isArray(bot?.commandLists) ? bot.commandLists : [];
    for (const scope of bot?.scopes ?? []) {
      if (!lists.some((list) => list?.scopes?.includes(scope))) {
        problems.push(`bots[${b}].commandLists: no command list for the "${scope}" scope`);
      }
    }
    lists.forEach((list, l) => {
      const titles = (list?.commands ?? []).map((command) => command?.title);
      const missing = REQUIRED_COMMANDS.filter((title) => !titles.includes(title));
      if (missing.length > 0) {
        problems.push(
          `bots[${b}].commandLists[${l}] (${(list?.scopes ?? []).join(", ")}): missing command(s) ${missing.join(", ")}`,
        );
      }
    });
  });
}

/**
 * Every problem with a (placeholder-substituted) Teams manifest and the icons next to it: JSON schema
 * (via @microsoft/app-manifest, offline), icon sizes, name/description lengths, the bot and its
 * commands, and placeholders left unfilled. Empty when the package is good to upload.
 */
export async function validateTeamsManifest(manifest, { iconDir = TEAMS_DIR } = {}) {
  const problems = [];
  if (manifest === null || typeof manifest !== "object" || Array.isArray(manifest)) {
    return ["manifest: must be a JSON object"];
  }

  const { schema, problem } = await loadBundledSchema(manifest.$schema);
  if (problem) {
    problems.push(problem);
  } else {
    const version = /\/teams\/v([^/]+)\//.exec(manifest.$schema)?.[1];
    if (version && version !== "DevPreview" && manifest.manifestVersion !== version) {
      problems.push(`manifestVersion "${manifest.manifestVersion}" does not match $schema (v${version})`);
    }
    for (const failure of await AppManifestUtils.validateAgainstSchema(manifest, schema)) {
      problems.push(`schema: ${failure}`);
    }
  }

  const leftovers = JSON.stringify(manifest).match(/\{\{[A-Z0-9_]+\}\}/g);
  if (leftovers) problems.push(`placeholders not substituted: ${[...new Set(leftovers)].join(", ")}`);

  const shortName = manifest.name?.short;
  if (typeof shortName !== "string" || shortName.length === 0) {
    problems.push("name.short: missing");
  } else if (shortName.length > SHORT_NAME_MAX) {
    problems.push(`name.short: ${shortName.length} characters, at most ${SHORT_NAME_MAX}`);
  }
  const shortDescription = manifest.description?.short;
  if (typeof shortDescription !== "string" || shortDescription.length === 0) {
    problems.push("description.short: missing");
  } else if (shortDescription.length > SHORT_DESCRIPTION_MAX) {
    problems.push(
      `description.short: ${shortDescription.length} characters, at most ${SHORT_DESCRIPTION_MAX}`,
    );
  }

  checkIcon(problems, iconDir, "color", manifest.icons?.color);
  checkIcon(problems, iconDir, "outline", manifest.icons?.outline);
  checkBots(problems, manifest.bots);
  return problems;
}
