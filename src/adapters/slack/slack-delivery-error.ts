import type { DeliveryOutcome } from "../../core/index.ts";

/** Slack answers that retrying cannot fix: a person must change the setup (and /healthz shows it). */
const PERMANENT = new Set([
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
]);

interface SlackErrorShape {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
  message?: string;
}

/** Turns a Web API client error into what the delivery loop should do about it. */
export function classifySlackError(error: unknown): DeliveryOutcome {
  const e = error as SlackErrorShape;
  switch (e.code) {
    case "slack_webapi_rate_limited_error":
      return { kind: "retry", error: "ratelimited", retryAfterMs: (e.retryAfter ?? 1) * 1000 };
    case "slack_webapi_platform_error": {
      const code = e.data?.error ?? "unknown_error";
      if (code === "ratelimited") return { kind: "retry", error: code };
      return PERMANENT.has(code) ? { kind: "failed", error: code } : { kind: "retry", error: code };
    }
    case "slack_webapi_http_error":
      return { kind: "retry", error: `HTTP ${e.statusCode}` };
    default:
      return { kind: "retry", error: e.message ?? String(error) };
  }
}
