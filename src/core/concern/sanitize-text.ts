/** A UTF-16 surrogate half with no partner: high not followed by low, or low not preceded by high. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as PostgreSQL can store it: NUL is dropped and a lone surrogate becomes U+FFFD. PostgreSQL
 * rejects both (in text columns and in JSON), so a raise or a note carrying one would otherwise fail.
 */
export function sanitizeText(text: string): string {
  return text.replaceAll("\u0000", "").replace(LONE_SURROGATE, "\uFFFD");
}

/**
 * Cleans every string inside a payload a chat platform handed over, in place, so that every field a
 * handler later reads (text, names, ids, form values) is already clean. Returns the same value.
 */
export function sanitizeInbound<T>(value: T): T {
  const node: unknown = value;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = cleaned(node[i]);
  } else if (isPlainObject(node)) {
    for (const key of Object.keys(node)) node[key] = cleaned(node[key]);
  }
  return value;
}

function cleaned(value: unknown): unknown {
  return typeof value === "string" ? sanitizeText(value) : sanitizeInbound(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
