import { watchTyped } from "./patient-text-watch.ts";
import { createHmac } from "node:crypto";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

/** Signs a raw body the way Slack does: v0:{timestamp}:{body}, HMAC-SHA256 with the signing secret. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SlackRequestOptions {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  secret?: string;
  headers?: Record<string, string>;
}

/** POSTs a signed body to Liaison's /slack/events, as Slack would. */
export async function postToSlackEndpoint(
  baseUrl: string,
  body: string,
  contentType: string,
  options: SlackRequestOptions = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(`${baseUrl}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": slackSignature(options.secret ?? SIGNING_SECRET, timestamp, body),
      ...options.headers,
    },
    body,
  });
}

let interactions = 0;
/**
 * Slack gives every interaction its own trigger_id (and every modal its own view id), so two requests
 * are never byte-identical; a test that sends the very same body twice is replaying it.
 */
const triggerId = () => `13345224609.738474920.${(++interactions).toString(16).padStart(31, "0")}`;

/** A slash command's form body, with the fields Slack sends (see shared/platform-payloads/slack). */
export function slashCommandBody(
  user: { id: string; name: string },
  text: string,
  responseUrl: string,
): string {
  return new URLSearchParams({
    token: "verification-token",
    team_id: "T0HOSPITAL",
    team_domain: "st-example",
    channel_id: "C04NURS4W01",
    channel_name: "nursing-4w",
    user_id: user.id,
    user_name: user.name,
    command: "/concern",
    text,
    api_app_id: "A0LIAISON1",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: triggerId(),
  }).toString();
}

/** Interactivity arrives as a form with one field, payload=<JSON>. */
export const interactionBody = (payload: unknown) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

export function blockActionPayload(
  user: { id: string; name: string },
  actionId: string,
  value: string,
  message: { channel: string; ts: string },
  responseUrl: string,
) {
  return {
    type: "block_actions",
    user: { id: user.id, username: user.name, name: user.name, team_id: "T0HOSPITAL" },
    api_app_id: "A0LIAISON1",
    token: "verification-token",
    container: { type: "message", message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    trigger_id: triggerId(),
    team: { id: "T0HOSPITAL", domain: "st-example" },
    channel: { id: message.channel, name: "nursing-4w" },
    message: { type: "message", ts: message.ts, text: "card", blocks: [] },
    response_url: responseUrl,
    actions: [
      {
        action_id: actionId,
        block_id: "liaison_card_actions",
        text: { type: "plain_text", text: "Acknowledge", emoji: true },
        value,
        type: "button",
        action_ts: "1764000000.000200",
      },
    ],
  };
}

/** view_submission for one of Liaison's modals; `values` are block_id → value (string, option or checkbox list). */
/** Liaison's modal inputs that are menus and date pickers (the rest are text). */
const SELECT_BLOCKS = new Set(["category", "severity", "department", "language", "method", "into"]);
const DATE_BLOCKS = new Set(["completedOn", "sentOn", "followUpOn", "referredOn"]);

export function viewSubmissionPayload(
  user: { id: string; name: string },
  callbackId: string,
  values: Record<string, string | string[] | undefined>,
  privateMetadata = "",
) {
  watchTyped(values);
  const state: Record<string, Record<string, unknown>> = {};
  for (const [blockId, value] of Object.entries(values)) {
    if (Array.isArray(value)) {
      state[blockId] = {
        value: {
          type: "checkboxes",
          selected_options: value.map((v) => ({ value: v, text: { type: "plain_text", text: v } })),
        },
      };
    } else if (DATE_BLOCKS.has(blockId)) {
      state[blockId] = { value: { type: "datepicker", selected_date: value ?? null } };
    } else if (SELECT_BLOCKS.has(blockId)) {
      state[blockId] = {
        value: {
          type: "static_select",
          selected_option: value ? { value, text: { type: "plain_text", text: value } } : null,
        },
      };
    } else {
      state[blockId] = { value: { type: "plain_text_input", value: value ?? null } };
    }
  }
  return {
    type: "view_submission",
    team: { id: "T0HOSPITAL", domain: "st-example" },
    user: { id: user.id, username: user.name, name: user.name, team_id: "T0HOSPITAL" },
    api_app_id: "A0LIAISON1",
    token: "verification-token",
    trigger_id: triggerId(),
    view: {
      id: `V0MODAL${interactions}`,
      team_id: "T0HOSPITAL",
      type: "modal",
      blocks: [],
      private_metadata: privateMetadata,
      callback_id: callbackId,
      state: { values: state },
      hash: "1596530361.3wRYuk3R",
      title: { type: "plain_text", text: "Liaison" },
      root_view_id: "V0MODAL01",
      app_id: "A0LIAISON1",
      external_id: "",
      app_installed_team_id: "T0HOSPITAL",
      bot_id: "B0LIAISON1",
    },
    response_urls: [],
  };
}

let eventSequence = 0;

/** The Events API's app_home_opened, as Slack sends it when a person opens Liaison's Home tab. */
export function appHomeOpenedEvent(user: { id: string }, tab: "home" | "messages" = "home"): string {
  return JSON.stringify({
    token: "verification-token",
    team_id: "T0HOSPITAL",
    api_app_id: "A0LIAISON1",
    type: "event_callback",
    event_id: `Ev0HOME${String(++eventSequence).padStart(5, "0")}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: "app_home_opened",
      user: user.id,
      channel: `D${user.id}`,
      tab,
      event_ts: `${Math.floor(Date.now() / 1000)}.000100`,
    },
  });
}

/** A button pressed on the App Home tab: its container is the view, and there is no response_url. */
export function homeBlockActionPayload(user: { id: string; name: string }, actionId: string, value: string) {
  const {
    channel: _channel,
    message: _message,
    response_url: _responseUrl,
    ...rest
  } = blockActionPayload(user, actionId, value, { channel: "", ts: "" }, "");
  return {
    ...rest,
    container: { type: "view", view_id: "V0HOME0001" },
    view: { id: "V0HOME0001", type: "home", blocks: [] },
  };
}

/** The pain concern every Slack story starts from: the nurse's raise form for 4 West room 412. */
export const PAIN_FORM = {
  unit: "4W",
  room: "412",
  patientReference: "E20260417",
  category: "pain",
  severity: "high",
} as const;

/** Nia Okafor submits the raise form for the pain concern (a view_submission, form-encoded). */
export function painFormSubmission(description = "Pain 8/10."): string {
  const nurse = { id: "U04NIAOKF01", name: "nia.okafor" };
  return interactionBody(
    viewSubmissionPayload(nurse, "liaison_concern", { ...PAIN_FORM, description, grievance: [] }),
  );
}
