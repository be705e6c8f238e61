import { ConfigurationBotFrameworkAuthentication } from "botbuilder";
import type { ClaimsIdentity, ConnectorClient, ConnectorFactory } from "botframework-connector";

/** Every operation of this client (post, update, reply, open a chat) gives up after `ms`. */
function withCallDeadline(client: ConnectorClient, ms: number): ConnectorClient {
  // CloudAdapter calls the client's operations without options; each goes through
  // sendOperationRequest, whose `timeout` option aborts the request when it runs out.
  const send = client.sendOperationRequest.bind(client);
  client.sendOperationRequest = (args, spec, callback) =>
    send({ ...args, options: { ...args.options, timeout: ms } }, spec, callback);
  return client;
}

/**
 * Bot Framework authentication whose Bot Connector clients give up on a call after `callTimeoutMs`:
 * without it a Bot Connector that accepts the connection and never answers holds the call as long
 * as the socket lives. A call that runs out is a network error to the notifier, retried with backoff.
 */
export class DeadlineBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    config: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0],
    credentials: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1],
    private readonly callTimeoutMs: number,
  ) {
    super(config, credentials);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const inner = super.createConnectorFactory(claimsIdentity);
    return {
      create: async (serviceUrl: string, audience?: string) =>
        withCallDeadline(await inner.create(serviceUrl, audience), this.callTimeoutMs),
    };
  }
}
