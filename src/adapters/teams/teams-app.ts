import { ConfigurationServiceClientCredentialFactory, MessageFactory } from "botbuilder";
import { CertificateServiceClientCredentialsFactory } from "botframework-connector";
import type { Express } from "express";
import { type ChatNotifier, type GroupSource, SOMETHING_WENT_WRONG } from "../../core/index.ts";
import { LiaisonCloudAdapter, mountApiMessages } from "./api-messages-route.ts";
import { DeadlineBotFrameworkAuthentication } from "./connector-deadline.ts";
import { LiaisonTeamsBot, type TeamsBotDeps } from "./liaison-teams-bot.ts";
import { TeamsNotifier } from "./teams-notifier.ts";
import { TeamsTeamMembers } from "./teams-team-members.ts";

export interface TeamsSettings {
  /** Empty: Bot Framework's local (Emulator) mode, which checks no tokens at all. */
  appId: string;
  appPassword?: string;
  /** Certificate credentials instead of a password: the thumbprint and the PEM private key. */
  certificate?: { thumbprint: string; privateKey: string };
  tenantId?: string;
  appType: "SingleTenant" | "UserAssignedMSI";
  /** Each Bot Connector call gives up after this long, and is retried by the outbox. */
  callTimeoutMs: number;
}

export interface TeamsIntegration {
  /** Delivers the outbox's Teams messages through this adapter. */
  notifier: ChatNotifier;
  /** Lists the departments' Teams teams through the same adapter (and its call deadline). */
  groups: GroupSource;
  mode: "authenticated" | "local-unauthenticated";
}

/**
 * Mounts the Bot Framework endpoint at /api/messages. With an app id, CloudAdapter validates the JWT on
 * every request; without one it accepts anyone, which main.ts only allows with TEAMS_LOCAL_MODE=true.
 */
export function createTeamsApp(settings: TeamsSettings, deps: TeamsBotDeps, http: Express): TeamsIntegration {
  // Three ways to prove the bot's identity: a client secret, a certificate, or a managed identity.
  const credentials = settings.certificate
    ? new CertificateServiceClientCredentialsFactory(
        settings.appId,
        settings.certificate.thumbprint,
        settings.certificate.privateKey,
        settings.tenantId,
      )
    : new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: settings.appId,
        MicrosoftAppPassword: settings.appPassword,
        MicrosoftAppTenantId: settings.tenantId,
        MicrosoftAppType: settings.appId ? settings.appType : undefined,
      });
  const auth = new DeadlineBotFrameworkAuthentication(
    { MicrosoftAppId: settings.appId, MicrosoftAppTenantId: settings.tenantId },
    credentials,
    settings.callTimeoutMs,
  );
  const adapter = new LiaisonCloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    deps.ctx.logger.error(
      { err: error.message.split("\n")[0], activity: context.activity.type },
      "teams turn failed",
    );
    // A message (`mine`, `status`) gets an answer rather than silence; an invoke's answer is its card.
    if (context.activity.type === "message") {
      await context.sendActivity(MessageFactory.text(SOMETHING_WENT_WRONG)).catch(() => undefined);
    }
  };
  const bot = new LiaisonTeamsBot({ ...deps, callTimeoutMs: settings.callTimeoutMs });
  mountApiMessages(http, {
    adapter,
    logic: (context) => bot.run(context),
    logger: deps.ctx.logger,
    requireToken: Boolean(settings.appId),
  });
  const notifier = new TeamsNotifier({
    adapter,
    appId: settings.appId,
    tenantId: settings.tenantId,
    conversations: deps.conversations,
    clock: deps.ctx.clock,
  });
  const groups = new TeamsTeamMembers({
    adapter,
    appId: settings.appId,
    tenantId: settings.tenantId,
    conversations: deps.conversations,
    callTimeoutMs: settings.callTimeoutMs,
  });
  return { notifier, groups, mode: settings.appId ? "authenticated" : "local-unauthenticated" };
}
