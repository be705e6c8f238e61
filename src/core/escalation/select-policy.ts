import type { Directory, Policy } from "../directory/directory.ts";
import type { CategoryId } from "../ids.ts";
import type { PolicySnapshot } from "./policy-snapshot.ts";
import type { Severity } from "../concern/severity.ts";

function specificity(p: Policy): number {
  return (p.match.severity ? 1 : 0) + (p.match.category ? 2 : 0);
}

/**
 * The most specific policy matching severity and category (category+severity beats category beats
 * severity beats the catch-all). The directory loader guarantees a catch-all exists.
 */
export function selectPolicy(directory: Directory, severity: Severity, category: CategoryId): Policy {
  const matching = directory.policies.filter(
    (p) =>
      (p.match.severity === undefined || p.match.severity === severity) &&
      (p.match.category === undefined || p.match.category === category),
  );
  const best = matching.sort((a, b) => specificity(b) - specificity(a))[0];
  if (!best)
    throw new Error(`No policy matches ${severity}/${category}; the directory needs a catch-all policy`);
  return best;
}

export function snapshotPolicy(directory: Directory, policy: Policy): PolicySnapshot {
  return structuredClone({
    policyId: policy.id,
    acknowledgeWithinMinutes: policy.acknowledgeWithinMinutes,
    resolveWithin: policy.resolveWithin,
    resolveClock: policy.resolveClock,
    ladder: policy.ladder,
    repeat: policy.repeat,
    timeZone: directory.hospital.timeZone,
    businessHours: directory.hospital.businessHours,
    grievance: directory.hospital.grievance,
    ...(policy.updatePatient ? { updatePatient: policy.updatePatient } : {}),
  });
}
