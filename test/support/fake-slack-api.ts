import { createServer, type IncomingMessage, type Server } from "node:http";

export interface SlackCall {
  method: string;
  /** The call's arguments, with JSON-encoded fields (blocks, view) decoded. */
  args: Record<string, unknown>;
  /** When the call arrived (Date.now()). */
  at: number;
}

/** Which calls a hung Slack accepts and never answers. */
export type HangRule = (method: string, args: Record<string, unknown>) => boolean;

interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body;
}

function decode(contentType: string | undefined, raw: string): Record<string, unknown> {
  if (contentType?.includes("application/json"))
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      args[k] = ["blocks", "view", "attachments", "files"].includes(k) ? JSON.parse(v) : v;
    } catch {
      args[k] = v;
    }
  }
  return args;
}

/**
 * A local stand-in for Slack's Web API (set as SLACK_API_URL) and for response_urls: records every
 * call and answers like Slack, or as scripted (429 with Retry-After, 500, an error code, or down).
 */
export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  /** User groups as Slack keeps them: id → handle and member ids (none unless a test adds some). */
  readonly userGroups = new Map<string, { handle: string; users: string[] }>();
  /** Display names users.info gives (others answer user_not_found). */
  readonly people = new Map<string, string>();
  readonly responses: { path: string; body: Record<string, unknown> }[] = [];
  /** Files uploaded to the upload_url files.getUploadURLExternal handed out: file id → the bytes. */
  readonly uploads = new Map<string, Buffer>();
  private files = 0;
  private readonly scripted = new Map<string, ScriptedResponse[]>();
  private hangRule?: HangRule;
  private server?: Server;
  private ts = 1_764_000_000;
  url = "";

  /** Listens on `port` (0: any free one); a fixed port lets a test bring "Slack" back where it was. */
  async start(port = 0): Promise<void> {
    this.server = createServer(async (req, res) => {
      const path = req.url ?? "/";
      if (path.startsWith("/upload/")) {
        await this.receiveUpload(path.slice("/upload/".length), req);
        res.writeHead(200, { "content-type": "text/plain" }).end("OK - 1");
        return;
      }
      const raw = await readBody(req);
      if (path.startsWith("/response/")) {
        this.responses.push({ path, body: decode(req.headers["content-type"], raw) });
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        return;
      }
      const method = path.replace(/^\/api\//, "").split("?")[0]!;
      const args = decode(req.headers["content-type"], raw);
      if (this.hangRule?.(method, args)) {
        this.calls.push({ method: `${method} (hung)`, args, at: Date.now() });
        return;
      }
      const scripted = this.scripted.get(method)?.shift();
      if (scripted) {
        this.calls.push({ method: `${method} (refused)`, args, at: Date.now() });
        res.writeHead(scripted.status, { "content-type": "application/json", ...scripted.headers });
        res.end(JSON.stringify(scripted.body));
        return;
      }
      this.calls.push({ method, args, at: Date.now() });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(this.answer(method, args)));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    const address = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${address.port}/api/`;
  }

  get responseUrlBase(): string {
    return this.url.replace(/\/api\/$/, "/response/");
  }

  /** Slack's upload_url takes the file's bytes as the body (raw, or one multipart part). */
  private async receiveUpload(fileId: string, req: IncomingMessage): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(req.headers["content-type"] ?? "");
    if (!boundary) {
      this.uploads.set(fileId, body);
      return;
    }
    // One part: its headers end at the first blank line; its bytes end before the closing boundary.
    const start = body.indexOf("\r\n\r\n") + 4;
    const end = body.lastIndexOf(`\r\n--${boundary[1] ?? boundary[2]}`);
    this.uploads.set(fileId, body.subarray(start, end));
  }

  private answer(method: string, args: Record<string, unknown>): unknown {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          user_id: "U0LIAISON1",
          bot_id: "B0LIAISON1",
          team_id: "T0HOSPITAL",
          user: "liaison",
        };
      case "chat.postMessage":
        return { ok: true, channel: args.channel, ts: `${++this.ts}.000100`, message: {} };
      case "chat.update":
        return { ok: true, channel: args.channel, ts: args.ts };
      case "conversations.open":
        return { ok: true, channel: { id: `D${String(args.users)}` } };
      case "files.getUploadURLExternal": {
        const fileId = `F0FILE${++this.files}`;
        return { ok: true, file_id: fileId, upload_url: this.url.replace(/\/api\/$/, `/upload/${fileId}`) };
      }
      case "files.completeUploadExternal": {
        const files = (typeof args.files === "string" ? JSON.parse(args.files) : args.files) as {
          id: string;
        }[];
        return { ok: true, files: files.map((f) => ({ id: f.id, name: "upload", mimetype: "image/png" })) };
      }
      case "views.open":
        return { ok: true, view: { id: "V0MODAL01" } };
      case "usergroups.list":
        return {
          ok: true,
          usergroups: [...this.userGroups].map(([id, g]) => ({ id, handle: g.handle, name: g.handle })),
        };
      case "usergroups.users.list": {
        const group = this.userGroups.get(String(args.usergroup));
        return group ? { ok: true, users: group.users } : { ok: false, error: "no_such_subteam" };
      }
      case "users.info": {
        const name = this.people.get(String(args.user));
        if (name === undefined) return { ok: false, error: "user_not_found" };
        return { ok: true, user: { id: args.user, name: "handle", profile: { display_name: name } } };
      }
      default:
        return { ok: true };
    }
  }

  /** The next `times` calls to `method` get this answer instead. */
  script(method: string, response: ScriptedResponse, times = 1): void {
    const list = this.scripted.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(response);
    this.scripted.set(method, list);
  }

  /** From now on, calls matching `rule` (all calls by default) are accepted and never answered. */
  hang(rule: HangRule = () => true): void {
    this.hangRule = rule;
  }

  /** Answers again (calls already hung stay hung until stop). */
  recover(): void {
    this.hangRule = undefined;
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    this.server?.closeAllConnections();
    await closed;
  }
}
