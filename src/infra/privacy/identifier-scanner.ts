// The identifier scanner: runs the pattern rules and the name finder, then keeps one hit per span.
import type { IdentifierHit, IdentifierScanner } from "../../core/index.ts";
import type { ScanContext } from "./identifier-rule.ts";
import { PATTERN_RULES } from "./identifier-patterns.ts";
import { findPersonNames } from "./person-names.ts";

function patternHits(text: string, context: ScanContext): IdentifierHit[] {
  const hits: IdentifierHit[] = [];
  for (const rule of PATTERN_RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      const part = m[rule.group];
      if (!part || (rule.accept && !rule.accept(part, context))) continue;
      const start = m.index + (rule.group === 0 ? 0 : m[0].lastIndexOf(part));
      hits.push({ kind: rule.kind, start, end: start + part.length, text: part });
    }
  }
  return hits;
}

/**
 * The first hit found wins an overlap (the rules in their listed order, then names): so a DOB is not also
 * a record number.
 */
function withoutOverlaps(hits: IdentifierHit[]): IdentifierHit[] {
  const kept: IdentifierHit[] = [];
  for (const hit of hits) {
    if (kept.some((k) => hit.start < k.end && k.start < hit.end)) continue;
    kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export interface IdentifierScannerOptions {
  /** Today, to tell an old date (a birth date) from a date of the stay; the system clock by default. */
  now?: () => Date;
}

export function createIdentifierScanner(options: IdentifierScannerOptions = {}): IdentifierScanner {
  const now = options.now ?? (() => new Date());
  return {
    scan(text: string): IdentifierHit[] {
      if (typeof text !== "string" || text.length === 0) return [];
      try {
        const context = { currentYear: now().getUTCFullYear() };
        return withoutOverlaps([...patternHits(text, context), ...findPersonNames(text)]);
      } catch {
        // A failed scan must never stop a concern being raised: no hits is the safe answer here.
        return [];
      }
    },
  };
}
