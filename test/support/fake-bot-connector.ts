import { createServer, type Server, type ServerResponse } from "node:http";

export interface ConnectorCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
  /** When the call arrived (Date.now()). */
  at: number;
}

/**
 * A local stand-in for the Bot Connector service: tests set it as the activities' serviceUrl, so every
 * reply, proactive post and update Liaison makes lands here, answered as Teams answers (201 + ids).
 */
export class FakeBotConnector {
  readonly calls: ConnectorCall[] = [];
  /** Teams teams: team id → name and members (none unless a test adds some). */
  readonly teams = new Map<
    string,
    { name: string; members: { id: string; name: string; aadObjectId: string }[] }
  >();
  private server?: Server;
  private hangRule?: (method: string, path: string) => boolean;
  private nextId = 1000;
  url = "";

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      let raw = "";
      for await (const chunk of req) raw += chunk;
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const path = decodeURIComponent((req.url ?? "/").split("?")[0]!);
      this.calls.push({ method: req.method ?? "GET", path, body, at: Date.now() });
      if (this.hangRule?.(req.method ?? "GET", path)) return; // accepted, never answered
      const id = String(++this.nextId);
      res.setHeader("content-type", "application/json");
      if (req.method === "GET") {
        this.answerRead(path, res);
        return;
      }
      if (req.method === "POST" && path === "/v3/conversations") {
        const channel = (body.channelData as { channel?: { id: string } } | undefined)?.channel?.id;
        // A new channel thread's id carries the card's message id, as real Teams answers.
        res
          .writeHead(201)
          .end(
            JSON.stringify(
              channel ? { id: `${channel};messageid=${id}`, activityId: id } : { id: `a:personal-${id}` },
            ),
          );
        return;
      }
      res.writeHead(req.method === "PUT" ? 200 : 201).end(JSON.stringify({ id }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/`;
  }

  /** A team's roster (one page) and details, as the Bot Connector answers them. */
  private answerRead(path: string, res: ServerResponse): void {
    const roster = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(path);
    const details = /^\/v3\/teams\/([^/]+)$/.exec(path);
    const team = this.teams.get((roster ?? details)?.[1] ?? "");
    if (!team) {
      res.writeHead(404).end(JSON.stringify({ error: { code: "NotFound", message: "team not found" } }));
      return;
    }
    const body = roster
      ? { members: team.members.map((m) => ({ ...m, userPrincipalName: `${m.aadObjectId}@example.org` })) }
      : { id: details![1], name: team.name, aadGroupId: "00000000-0000-4000-8000-000000000000" };
    res.writeHead(200).end(JSON.stringify(body));
  }

  /** From now on calls matching `rule` (all by default) are accepted and never answered. */
  hang(rule: (method: string, path: string) => boolean = () => true): void {
    this.hangRule = rule;
  }

  /** Answers again (calls already hung stay hung until stop). */
  recover(): void {
    this.hangRule = undefined;
  }

  /** Activities Liaison sent (replies, proactive posts, thread replies), with their cards. */
  sent(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === "POST" && c.path.includes("/activities"));
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    this.server?.closeAllConnections();
    await closed;
  }
}

/** The Adaptive Card of an activity or conversation-creation body, if it carries one. */
export function cardOf(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const activity = (body.activity as Record<string, unknown> | undefined) ?? body;
  const attachments = activity.attachments as
    { contentType: string; content: Record<string, unknown> }[] | undefined;
  return attachments?.find((a) => a.contentType === "application/vnd.microsoft.card.adaptive")?.content;
}
