/**
 * A delivery error as a metric label: a short code from a fixed set, never the error's text. The
 * text can name a channel, a person's id or a concern id, and a label of its own per text would
 * make a new series for every one; so what is not recognised here is "other" (the audit trail and
 * the logs keep the words).
 */
export type DeliveryErrorCode = (typeof SLACK_CODES)[number] | (typeof LIAISON_CODES)[number];

/** Slack's own error codes that its Web API answers a message call with, as Liaison records them. */
const SLACK_CODES = [
  "ratelimited",
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "invalid_auth",
  "account_inactive",
  "token_revoked",
  "no_permission",
  "missing_scope",
  "invalid_blocks",
  "msg_too_long",
  "user_not_found",
  "cant_update_message",
  "message_not_found",
  "restricted_action",
  "channel_type_not_supported",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "unknown_error",
] as const;

const LIAISON_CODES = [
  "http_401",
  "http_403",
  "http_404",
  "http_429",
  "http_4xx",
  "http_5xx",
  "timeout",
  "network",
  "platform_off",
  "no_channel",
  "no_user_id",
  "concern_not_visible",
  "card_not_posted",
  "not_installed",
  "no_message_id",
  "other",
] as const;

/** Every value the `error` label can take. */
export const DELIVERY_ERROR_CODES: readonly DeliveryErrorCode[] = [...SLACK_CODES, ...LIAISON_CODES];

const SLACK = new Set<string>(SLACK_CODES);
const SPECIFIC_HTTP = new Set([401, 403, 404, 429]);

/** What Liaison's own words (resolve-delivery, the notifiers) say, by the phrase that names each case. */
const PHRASES: [RegExp, DeliveryErrorCode][] = [
  [/is not enabled on this Liaison instance/, "platform_off"],
  [/has no (Slack|Teams) channel/, "no_channel"],
  [/has no (Slack user id|Teams object id)/, "no_user_id"],
  [/^concern \S+ not found$/, "concern_not_visible"],
  [/card has not been posted yet/, "card_not_posted"],
  [/has not been installed in Teams/, "not_installed"],
  [/did not return the card's message id/, "no_message_id"],
  [/timed? ?out|timeout|no answer within|aborted/i, "timeout"],
  [
    /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|socket hang up)\b/,
    "network",
  ],
];

function httpCode(status: number): DeliveryErrorCode {
  if (SPECIFIC_HTTP.has(status)) return `http_${status}` as DeliveryErrorCode;
  return status >= 500 ? "http_5xx" : "http_4xx";
}

export function deliveryErrorCode(error: string): DeliveryErrorCode {
  if (SLACK.has(error)) return error as DeliveryErrorCode;
  const http = /^HTTP (\d{3})\b/.exec(error);
  if (http) return httpCode(Number(http[1]));
  return PHRASES.find(([phrase]) => phrase.test(error))?.[1] ?? "other";
}
