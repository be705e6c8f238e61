#!/usr/bin/env node
// `npm run teams:package [-- --out <file.zip>]`: builds the Teams app package to upload in Teams
// (Apps > Manage your apps > Upload an app) or in the Teams Developer Portal.
//
// Reads manifests/teams/manifest.json, a template with two placeholders filled from the environment:
//   MICROSOFT_APP_ID  required: the bot's Microsoft App ID (a GUID), replaces "{{MICROSOFT_APP_ID}}"
//   TEAMS_APP_ID      optional: the Teams app id (a GUID), replaces "{{TEAMS_APP_ID}}"; defaults to
//                     MICROSOFT_APP_ID, so the app id stays stable from one package to the next
// then validates it offline (scripts/validate-teams-manifest.mjs: the JSON schema bundled with
// @microsoft/app-manifest, icon sizes, name/description lengths, the bot's commands) and writes a zip with
// manifest.json, color.png and outline.png at its root. Output: --out <file>, else TEAMS_PACKAGE_OUT,
// else dist/liaison-teams.zip. Exits 1, listing every problem, when the package would be rejected.
//
// The developer URLs in the manifest (https://example.org/liaison, /privacy, /terms) are placeholders:
// each hospital deploying Liaison replaces them with its own support, privacy and terms pages. The
// script warns while they still point at example.org.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import JSZip from "jszip";
import { TEAMS_DIR, substitutePlaceholders, validateTeamsManifest } from "./validate-teams-manifest.mjs";

const ROOT = path.resolve(TEAMS_DIR, "../..");
const FIXED_DATE = new Date("2026-01-01T00:00:00Z"); // same inputs, same zip bytes

function fail(problems) {
  console.error("Teams package not built:");
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}

let options;
try {
  ({ values: options } = parseArgs({ options: { out: { type: "string", short: "o" } } }));
} catch (error) {
  fail([`${error.message} (usage: node scripts/teams-package.mjs [--out <file.zip>])`]);
}
const out = path.resolve(
  options.out ?? process.env.TEAMS_PACKAGE_OUT ?? path.join(ROOT, "dist/liaison-teams.zip"),
);

const template = readFileSync(path.join(TEAMS_DIR, "manifest.json"), "utf8");
const { manifest, problems } = substitutePlaceholders(template, process.env);
if (!manifest) fail(problems);
const validation = await validateTeamsManifest(manifest, { iconDir: TEAMS_DIR });
if (validation.length > 0) fail(validation);

const developerUrls = Object.values(manifest.developer ?? {}).filter((value) =>
  String(value).startsWith("https://example.org/"),
);
if (developerUrls.length > 0) {
  console.warn(`warning: developer URLs are still placeholders (${developerUrls.join(", ")})`);
}

const zip = new JSZip();
zip.file("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`, { date: FIXED_DATE });
for (const icon of [manifest.icons.color, manifest.icons.outline]) {
  zip.file(icon, readFileSync(path.join(TEAMS_DIR, icon)), { date: FIXED_DATE });
}
const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", platform: "UNIX" });
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, bytes);
console.log(
  `wrote ${out} (app ${manifest.id}, bot ${manifest.bots[0].botId}, manifest ${manifest.manifestVersion})`,
);
