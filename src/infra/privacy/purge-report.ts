import type { PatientDetailsPurge } from "../../core/index.ts";

const day = (at: Date, timeZone: string) => at.toLocaleDateString("en-CA", { timeZone });

/** What `npm run privacy:purge` prints: the policy, then each concern purged (or to be) and when it was resolved. */
export function purgeReport(result: PatientDetailsPurge, timeZone: string): string {
  if (result.policy === "keep-forever") {
    return "privacy:purge: the directory sets no hospital.retainPatientDetailsDays, so patients' details are kept forever; nothing to purge";
  }
  const verb = result.dryRun ? "would be purged (dry run: nothing was changed)" : "purged";
  const head = `privacy:purge: retainPatientDetailsDays ${result.retainDays}; concerns resolved before ${day(result.resolvedBefore, timeZone)}: ${result.concerns.length} ${verb}`;
  const lines = result.concerns.map((c) => `  ${c.reference}  resolved ${day(c.resolvedAt, timeZone)}`);
  return [head, ...lines].join("\n");
}
