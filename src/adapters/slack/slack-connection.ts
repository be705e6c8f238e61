import type { Logger } from "../../core/index.ts";

/** Who the bot is in Slack, as auth.test tells it. */
export interface SlackIdentity {
  botId?: string;
  botUserId?: string;
  teamId?: string;
}

export interface SlackConnectionHealth {
  /** False until Slack has answered the check, and while it keeps failing. */
  ok: boolean;
  error?: string;
}

/** Waits between attempts: quick at first (a restart during a blip), then every 5 minutes at most. */
export const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15_000, 30_000, 60_000, 120_000, 300_000];
/** An attempt that gets no answer is a failed attempt, not a stalled check. */
export const ATTEMPT_TIMEOUT_MS = 10_000;

const TOKEN_ERRORS = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "not_allowed_token_type",
]);

/** What an operator should read about a failed check: which setting to look at, never a stack. */
export function describeSlackTrouble(error: unknown, apiUrl: string, tokenSetting: string): string {
  const e = error as {
    code?: string;
    data?: { error?: string };
    statusCode?: number;
    original?: { cause?: { code?: string }; code?: string; message?: string };
    message?: string;
  };
  switch (e.code) {
    case "slack_webapi_platform_error": {
      const code = e.data?.error ?? "unknown_error";
      return TOKEN_ERRORS.has(code)
        ? `Slack refused the token (${code}): check ${tokenSetting} in Slack's app settings`
        : `Slack answered ${code}; retrying`;
    }
    case "slack_webapi_http_error":
      return `Slack's Web API answered HTTP ${e.statusCode}; retrying`;
    case "slack_webapi_rate_limited_error":
      return "Slack rate-limited the check; retrying";
    case "slack_webapi_request_error": {
      const reason = e.original?.cause?.code ?? e.original?.code ?? e.original?.message ?? "no answer";
      return `Slack's Web API at ${apiUrl} cannot be reached (${reason}); retrying. Check the network, or SLACK_API_URL`;
    }
    default:
      return `${(e.message ?? String(error)).split("\n")[0]}; retrying`;
  }
}

export interface SlackConnectionSteps {
  /** auth.test: the bot token works, and who the bot is. */
  identify: () => Promise<SlackIdentity>;
  /** Anything else to open once the token works (Socket Mode's connection). */
  open: () => Promise<void>;
  describe: (error: unknown, step: "identify" | "open") => string;
}

/**
 * Slack is checked in the background, never on the way to listening: a Slack outage or a revoked token
 * during a restart must not keep Liaison (and Teams with it) down. Until the check passes, /healthz
 * says what is wrong and the check is retried with backoff; Slack's requests are still served.
 */
export class SlackConnection {
  private state: SlackConnectionHealth = { ok: false, error: "checking the connection to Slack" };
  private known: SlackIdentity = {};
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private attempt = 0;

  constructor(
    private readonly steps: SlackConnectionSteps,
    private readonly logger: Logger,
    private readonly delaysMs: readonly number[] = RETRY_DELAYS_MS,
  ) {}

  get identity(): SlackIdentity {
    return this.known;
  }

  health(): SlackConnectionHealth {
    return this.state;
  }

  /** Starts checking now; returns at once. */
  start(): void {
    this.stopped = false;
    void this.check();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async check(): Promise<void> {
    let step: "identify" | "open" = "identify";
    try {
      this.known = await withTimeout(this.steps.identify());
      step = "open";
      await withTimeout(this.steps.open());
    } catch (error) {
      if (this.stopped) return;
      this.fail(this.steps.describe(error, step));
      return;
    }
    if (this.stopped) return;
    if (this.attempt > 0)
      this.logger.info({ platform: "slack", attempts: this.attempt + 1 }, "Slack is reachable again");
    this.state = { ok: true };
    this.attempt = 0;
  }

  private fail(error: string): void {
    const delay = this.delaysMs[Math.min(this.attempt, this.delaysMs.length - 1)]!;
    // Every failure the first time, then only when the reason changes: an outage is not a log flood.
    if (this.attempt === 0 || error !== this.state.error) {
      this.logger.warn({ platform: "slack", retryInSeconds: delay / 1000 }, `Slack check failed: ${error}`);
    }
    this.state = { ok: false, error };
    this.attempt++;
    this.timer = setTimeout(() => void this.check(), delay);
    this.timer.unref();
  }
}

async function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`)),
      ATTEMPT_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
