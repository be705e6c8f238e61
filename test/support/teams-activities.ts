import { watchTyped } from "./patient-text-watch.ts";
/** Bot Framework activities as Teams sends them (shapes from shared/platform-payloads/teams). */
export const TENANT = "56653e9d-2158-46ee-90d7-675c39642038";
export const TEAM_ID = "19:team-general-4w@thread.tacv2";
export const BOT = { id: "28:aabdbd62-bc97-4afb-83ee-575594577de5", name: "Liaison" };

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export const LEE: TeamsUser = {
  id: "29:lee-chen",
  name: "Lee Chen",
  aadObjectId: "3b9d7a51-2c4e-4f8a-9b61-7d2e0c5a8f13",
};
export const JO: TeamsUser = {
  id: "29:jo-kim",
  name: "Jo Kim",
  aadObjectId: "8e2f4c16-7a3b-4d9e-b5c0-1f6a2d8e4b27",
};
export const PRIYA: TeamsUser = {
  id: "29:priya-shah",
  name: "Priya Shah",
  aadObjectId: "7a3e5c92-1b8d-4f6a-9e27-4c0d8b2f6a19",
};
export const PAT: TeamsUser = {
  id: "29:pat-morgan",
  name: "Pat Morgan",
  aadObjectId: "5d8c2e71-9f4a-4b3d-a6e2-0c7b9f1d3e58",
};
export const NURSE: TeamsUser = {
  id: "29:a-nurse",
  name: "A Nurse",
  aadObjectId: "0f0e0d0c-0b0a-4908-8706-050403020100",
};

let counter = 0;
const base = (serviceUrl: string, from: TeamsUser, conversation: Record<string, unknown>) => ({
  channelId: "msteams",
  id: `f:${++counter}`,
  serviceUrl,
  timestamp: new Date().toISOString(),
  from,
  recipient: BOT,
  conversation: { tenantId: TENANT, ...conversation },
  channelData: { tenant: { id: TENANT } },
  locale: "en-US",
});

const personal = (user: TeamsUser) => ({
  id: `a:personal-chat-${user.aadObjectId}`,
  conversationType: "personal",
});

/** The bot was added to a team (conversationUpdate with the bot in membersAdded). */
export function botAddedToTeam(serviceUrl: string) {
  return {
    ...base(serviceUrl, JO, { id: TEAM_ID, conversationType: "channel", isGroup: true }),
    type: "conversationUpdate",
    membersAdded: [{ id: BOT.id }],
    channelData: {
      tenant: { id: TENANT },
      team: { id: TEAM_ID, name: "Nursing 4 West" },
      eventType: "teamMemberAdded",
    },
  };
}

export function personalMessage(serviceUrl: string, from: TeamsUser, text: string) {
  return { ...base(serviceUrl, from, personal(from)), type: "message", text, textFormat: "plain" };
}

/** An Action.Execute click: invoke "adaptiveCard/action" with the verb and the action's data. */
export function cardAction(serviceUrl: string, from: TeamsUser, verb: string, data: Record<string, unknown>) {
  watchTyped(data);
  return {
    ...base(serviceUrl, from, personal(from)),
    type: "invoke",
    name: "adaptiveCard/action",
    replyToId: "1767765488332",
    value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
  };
}

/** The person answered a file consent card: invoke "fileConsent/invoke", with the upload session on accept. */
export function fileConsentAnswer(
  serviceUrl: string,
  from: TeamsUser,
  action: "accept" | "decline",
  context: unknown,
  uploadUrl?: string,
) {
  return {
    ...base(serviceUrl, from, personal(from)),
    type: "invoke",
    name: "fileConsent/invoke",
    value: {
      type: "fileUpload",
      action,
      context,
      ...(uploadUrl
        ? {
            uploadInfo: {
              contentUrl:
                "https://contoso-my.sharepoint.com/personal/pat/Documents/Applications/Liaison/export.csv",
              name: "liaison-audit.csv",
              uploadUrl,
              uniqueId: "1150D938-8870-4044-9F2C-5BBDEBA70C8C",
              fileType: "csv",
            },
          }
        : {}),
    },
  };
}

export async function postActivity(
  baseUrl: string,
  activity: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${baseUrl}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(activity),
  });
}

/** "@Liaison …" in a channel thread: the mention arrives in the text and as an entity. */
export function channelMention(serviceUrl: string, from: TeamsUser, text: string) {
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base(serviceUrl, from, {
      id: "19:4a8f2c6e9b1d4e7fa3c5d8b2e6f0a9c1@thread.tacv2;messageid=1767765488000",
      conversationType: "channel",
      isGroup: true,
    }),
    type: "message",
    text: `${mention} ${text}`,
    textFormat: "plain",
    entities: [{ type: "mention", text: mention, mentioned: { id: BOT.id, name: BOT.name } }],
    channelData: {
      tenant: { id: TENANT },
      teamsChannelId: "19:4a8f2c6e9b1d4e7fa3c5d8b2e6f0a9c1@thread.tacv2",
      teamsTeamId: TEAM_ID,
      channel: { id: "19:4a8f2c6e9b1d4e7fa3c5d8b2e6f0a9c1@thread.tacv2" },
      team: { id: TEAM_ID },
    },
  };
}
