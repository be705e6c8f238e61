import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DirectoryIndex } from "../../src/core/directory/directory-index.ts";
import type { CardPrivacy, CardPrivacyOverride } from "../../src/core/directory/card-privacy.ts";
import { coreContext } from "./core-context.ts";
import { SAMPLE_DIRECTORY_FILE, sampleDirectory } from "./sample-directory.ts";

export interface CardPrivacySettings {
  /** The hospital's level, part by part; the rest is the sample's (today's cards). */
  hospital?: Partial<CardPrivacy>;
  /** Department id → that department's own level. */
  departments?: Readonly<Record<string, CardPrivacyOverride>>;
}

/** The sample hospital with other card privacy settings, as a directory file would give them. */
export function withCardPrivacy(settings: CardPrivacySettings, base = sampleDirectory()): DirectoryIndex {
  const d = base.directory;
  return new DirectoryIndex({
    ...d,
    hospital: { ...d.hospital, cardPrivacy: { ...d.hospital.cardPrivacy, ...settings.hospital } },
    departments: d.departments.map((dept) => {
      const own = settings.departments?.[dept.id];
      return own ? { ...dept, cardPrivacy: own } : dept;
    }),
  });
}

/** A core wired like `coreContext`, its directory carrying these card privacy settings. */
export function coreContextWithCardPrivacy(settings: CardPrivacySettings, start = "2026-11-24T20:00:00Z") {
  const world = coreContext(start);
  const directory = withCardPrivacy(settings, world.directory);
  world.ctx.directory = () => directory;
  return { ...world, directory };
}

const SAMPLE_LEVEL =
  "  cardPrivacy:\n    patient: room-and-masked-reference\n    description: { show: full }\n";

/**
 * The sample directory file with the hospital's card level replaced by `hospitalYaml` (indented as
 * under hospital:), written where a whole Liaison can be pointed at it (LIAISON_DIRECTORY_FILE).
 */
export function cardPrivacyDirectoryFile(hospitalYaml: string): string {
  const sample = readFileSync(SAMPLE_DIRECTORY_FILE, "utf8");
  if (!sample.includes(SAMPLE_LEVEL)) throw new Error("test setup: the sample's cardPrivacy block moved");
  const file = path.join(mkdtempSync(path.join(tmpdir(), "liaison-card-privacy-")), "directory.yaml");
  writeFileSync(file, sample.replace(SAMPLE_LEVEL, hospitalYaml));
  return file;
}
