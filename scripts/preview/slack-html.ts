import type {
  ActionsBlock,
  ContextBlock,
  InputBlock,
  KnownBlock,
  ModalView,
  RichTextBlock,
  RichTextElement,
  RichTextSection,
  SectionBlock,
} from "@slack/types";

/*
 * An approximate Block Kit renderer for the card previews (npm run cards:preview): enough of Slack's
 * look (Lato, 8px buttons, mrkdwn bold and links) to see what a message or modal shows. Everything a
 * block carries is escaped before it becomes HTML, so a person's words stay words here as in Slack:
 * plain_text and rich-text text are shown literally; only mrkdwn's own markers become formatting.
 */

/** A message as Liaison posts it: notification text and blocks. */
export interface SlackMessage {
  text: string;
  blocks?: readonly KnownBlock[];
  /** An image file shared with the message (a report's chart), shown under its blocks as Slack does. */
  file?: { title: string; dataUrl: string };
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Only web and mail links become links; anything else (javascript:, data:) is drawn as text. */
function safeHref(url: string): string | undefined {
  return /^(https?:|mailto:)/i.test(url.trim()) ? url.trim() : undefined;
}

function link(url: string, labelHtml: string): string {
  const href = safeHref(url);
  return href ? `<a href="${escapeHtml(href)}">${labelHtml}</a>` : labelHtml;
}

/** Slack's own entities in mrkdwn, back to characters (they are escaped again for HTML). */
const decodeSlackEntities = (text: string) =>
  text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** *bold*, _italic_, ~strike~ and `code` over already-escaped text, as Slack reads them. */
function mrkdwnMarkers(escaped: string): string {
  const codes: string[] = [];
  const withoutCode = escaped.replace(/`([^`\n]+)`/g, (_m, code: string) => {
    codes.push(`<code>${code}</code>`);
    return `\uE000${codes.length - 1}\uE000`;
  });
  const edge = "(^|[\\s(>])";
  const styled = withoutCode
    .replace(new RegExp(`${edge}\\*([^*\\n]+)\\*(?=$|[\\s).,:;!?<])`, "g"), "$1<b>$2</b>")
    .replace(new RegExp(`${edge}_([^_\\n]+)_(?=$|[\\s).,:;!?<])`, "g"), "$1<i>$2</i>")
    .replace(new RegExp(`${edge}~([^~\\n]+)~(?=$|[\\s).,:;!?<])`, "g"), "$1<s>$2</s>");
  return styled.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => codes[Number(i)]!);
}

/** mrkdwn as Slack shows it: control sequences (<url|label>, <@U…>, <!here>) and markers. */
export function mrkdwnHtml(text: string): string {
  const parts: string[] = [];
  let rest = text;
  for (;;) {
    const m = /<([^<>]+)>/.exec(rest);
    const before = m ? rest.slice(0, m.index) : rest;
    parts.push(mrkdwnMarkers(escapeHtml(decodeSlackEntities(before))));
    if (!m) break;
    const [target = "", label] = m[1]!.split("|", 2);
    if (target.startsWith("@") || target.startsWith("#")) {
      parts.push(`<span class="mention">${escapeHtml(label ? `@${label}` : target)}</span>`);
    } else if (target.startsWith("!")) {
      parts.push(`<span class="mention">@${escapeHtml(target.slice(1).split("^")[0]!)}</span>`);
    } else {
      const url = decodeSlackEntities(target);
      parts.push(link(url, escapeHtml(decodeSlackEntities(label ?? target))));
    }
    rest = rest.slice(m.index + m[0].length);
  }
  return parts.join("").replace(/\n/g, "<br>");
}

type TextObject = { type: "plain_text" | "mrkdwn"; text: string };

/** plain_text literally (Slack does not parse it); mrkdwn with its markers. */
export function textHtml(t: TextObject | undefined): string {
  if (!t) return "";
  return t.type === "mrkdwn" ? mrkdwnHtml(t.text) : escapeHtml(t.text).replace(/\n/g, "<br>");
}

function richElementHtml(e: RichTextElement): string {
  let html: string;
  switch (e.type) {
    case "text":
      html = escapeHtml(e.text);
      break;
    case "link":
      html = link(e.url, escapeHtml(e.text ?? e.url));
      break;
    case "emoji":
      html = e.unicode
        ? String.fromCodePoint(...e.unicode.split("-").map((h) => parseInt(h, 16)))
        : `:${escapeHtml(e.name)}:`;
      break;
    case "user":
      html = `<span class="mention">@${escapeHtml(e.user_id)}</span>`;
      break;
    case "channel":
      html = `<span class="mention">#${escapeHtml(e.channel_id)}</span>`;
      break;
    case "broadcast":
      html = `<span class="mention">@${escapeHtml(e.range)}</span>`;
      break;
    default:
      html = `<span class="unknown">[${escapeHtml(e.type)}]</span>`;
  }
  const style = "style" in e ? e.style : undefined;
  if (style?.code) html = `<code>${html}</code>`;
  if (style?.bold) html = `<b>${html}</b>`;
  if (style?.italic) html = `<i>${html}</i>`;
  if (style?.strike) html = `<s>${html}</s>`;
  return html.replace(/\n/g, "<br>");
}

const sectionHtml = (s: RichTextSection) => s.elements.map(richElementHtml).join("");

function richTextHtml(block: RichTextBlock): string {
  return block.elements
    .map((el) => {
      switch (el.type) {
        case "rich_text_section":
          return `<div class="rt-section">${sectionHtml(el)}</div>`;
        case "rich_text_list": {
          const tag = el.style === "ordered" ? "ol" : "ul";
          const items = el.elements.map((s) => `<li>${sectionHtml(s)}</li>`).join("");
          return `<${tag} class="rt-list" style="margin-left:${(el.indent ?? 0) * 22}px">${items}</${tag}>`;
        }
        case "rich_text_quote":
          return `<blockquote>${el.elements.map(richElementHtml).join("")}</blockquote>`;
        case "rich_text_preformatted":
          return `<pre>${el.elements.map(richElementHtml).join("")}</pre>`;
      }
    })
    .join("");
}

type Element = { type: string } & Record<string, unknown>;

const optionText = (o: unknown) => textHtml((o as { text?: TextObject } | undefined)?.text);

function elementHtml(el: Element): string {
  switch (el.type) {
    case "button": {
      const style = el.style === "primary" || el.style === "danger" ? ` ${el.style}` : "";
      return `<span class="button${style}">${textHtml(el.text as TextObject)}</span>`;
    }
    case "static_select":
    case "external_select":
    case "users_select":
    case "conversations_select":
    case "channels_select": {
      const chosen = el.initial_option ? optionText(el.initial_option) : "";
      const shown =
        chosen ||
        `<span class="placeholder">${textHtml(el.placeholder as TextObject) || "Select an item"}</span>`;
      return `<span class="select">${shown}<span class="chevron">⌄</span></span>`;
    }
    case "plain_text_input": {
      const value = typeof el.initial_value === "string" ? escapeHtml(el.initial_value) : "";
      const shown = value || `<span class="placeholder">${textHtml(el.placeholder as TextObject)}</span>`;
      return `<div class="text-input${el.multiline ? " multiline" : ""}">${shown}</div>`;
    }
    case "datepicker": {
      // Slack shows the chosen day as "Nov 24, 2026" beside a calendar icon.
      const day = typeof el.initial_date === "string" ? new Date(`${el.initial_date}T12:00:00Z`) : undefined;
      const shown = day
        ? day.toLocaleDateString("en-US", {
            month: "short",
            day: "numeric",
            year: "numeric",
            timeZone: "UTC",
          })
        : `<span class="placeholder">Select a date</span>`;
      return `<span class="select">📅 ${shown}<span class="chevron">⌄</span></span>`;
    }
    case "checkboxes":
    case "radio_buttons": {
      const chosen = new Set(
        ((el.initial_options as unknown[] | undefined) ?? (el.initial_option ? [el.initial_option] : [])).map(
          (o) => (o as { value?: string }).value,
        ),
      );
      const mark = el.type === "checkboxes" ? "box" : "radio";
      return ((el.options as { value?: string }[] | undefined) ?? [])
        .map(
          (o) =>
            `<div class="choice"><span class="${mark}${chosen.has(o.value) ? " checked" : ""}"></span>${optionText(o)}</div>`,
        )
        .join("");
    }
    case "overflow":
      return `<span class="button overflow">⋯</span>`;
    case "image":
      return `<span class="image">${escapeHtml(String(el.alt_text ?? "image"))}</span>`;
    default:
      return `<span class="unknown">[${escapeHtml(el.type)}]</span>`;
  }
}

function contextHtml(block: ContextBlock): string {
  const items = block.elements.map((e) =>
    e.type === "image"
      ? `<span class="ctx-image"></span>`
      : `<span class="ctx-item">${textHtml(e as TextObject)}</span>`,
  );
  return `<div class="context">${items.join("")}</div>`;
}

function sectionBlockHtml(block: SectionBlock): string {
  const text = block.text ? `<div class="section-text">${textHtml(block.text)}</div>` : "";
  const fields = block.fields?.length
    ? `<div class="fields">${block.fields.map((f) => `<div>${textHtml(f)}</div>`).join("")}</div>`
    : "";
  const accessory = block.accessory
    ? `<div class="accessory">${elementHtml(block.accessory as unknown as Element)}</div>`
    : "";
  return `<div class="section"><div class="section-body">${text}${fields}</div>${accessory}</div>`;
}

function actionsHtml(block: ActionsBlock): string {
  return `<div class="actions">${block.elements.map((e) => elementHtml(e as unknown as Element)).join("")}</div>`;
}

function inputHtml(block: InputBlock): string {
  const optional = block.optional ? ` <span class="optional">(optional)</span>` : "";
  const hint = block.hint ? `<div class="hint">${textHtml(block.hint)}</div>` : "";
  return `<div class="input"><div class="label">${textHtml(block.label)}${optional}</div>${elementHtml(block.element as unknown as Element)}${hint}</div>`;
}

export function blockHtml(block: KnownBlock): string {
  switch (block.type) {
    case "header":
      return `<div class="header">${textHtml(block.text)}</div>`;
    case "section":
      return sectionBlockHtml(block);
    case "context":
      return contextHtml(block);
    case "actions":
      return actionsHtml(block);
    case "divider":
      return `<hr class="divider">`;
    case "rich_text":
      return `<div class="rich-text">${richTextHtml(block)}</div>`;
    case "input":
      return inputHtml(block);
    case "image":
      return `<div class="image-block">${escapeHtml(block.alt_text)}</div>`;
    default:
      return `<div class="unknown">[${escapeHtml(block.type)} block]</div>`;
  }
}

export function blocksHtml(blocks: readonly KnownBlock[]): string {
  return blocks.map(blockHtml).join("\n");
}

/** A message as it sits in a channel or a DM: Liaison's avatar, name, time, then the blocks. */
export function messageHtml(message: SlackMessage, time: string): string {
  const body = message.blocks?.length
    ? blocksHtml(message.blocks)
    : `<div class="section"><div class="section-text">${mrkdwnHtml(message.text)}</div></div>`;
  const file = message.file
    ? `<div class="file"><div class="file-title">${escapeHtml(message.file.title)}</div><img src="${message.file.dataUrl}" alt=""></div>`
    : "";
  return `<div class="message" id="shot">
  <div class="avatar">L</div>
  <div class="message-main">
    <div class="byline"><span class="name">Liaison</span><span class="app">APP</span><span class="time">${escapeHtml(time)}</span></div>
    ${body}${file}
  </div>
</div>`;
}

/** The App Home tab: Liaison's name and tabs above, the published view's blocks below. */
export function homeHtml(blocks: readonly KnownBlock[]): string {
  return `<div class="home" id="shot">
  <div class="home-bar"><div class="avatar">L</div><span class="name">Liaison</span></div>
  <div class="home-tabs"><span class="tab on">Home</span><span class="tab">Messages</span><span class="tab">About</span></div>
  <div class="home-body">${blocksHtml(blocks)}</div>
</div>`;
}

/** A modal: its title bar, the blocks, Cancel and the submit button. */
export function modalHtml(view: ModalView): string {
  const submit = view.submit ? `<span class="button primary">${textHtml(view.submit)}</span>` : "";
  const close = `<span class="button">${view.close ? textHtml(view.close) : "Cancel"}</span>`;
  return `<div class="modal" id="shot">
  <div class="modal-title"><span>${textHtml(view.title)}</span><span class="close">✕</span></div>
  <div class="modal-body">${blocksHtml(view.blocks as KnownBlock[])}</div>
  <div class="modal-footer">${close}${submit}</div>
</div>`;
}

/** Slack's light theme, approximately. */
export const SLACK_CSS = `
* { box-sizing: border-box; }
body { margin: 0; padding: 16px; background: #ffffff; font-family: Lato, "Slack-Lato", "Helvetica Neue", Helvetica, "Segoe UI", Arial, "Noto Color Emoji", sans-serif; font-size: 15px; line-height: 1.46668; color: #1d1c1d; -webkit-font-smoothing: antialiased; }
a { color: #1264a3; text-decoration: none; }
code { font-family: Monaco, Menlo, Consolas, "Courier New", monospace; font-size: 12px; color: #e01e5a; background: rgba(29,28,29,.04); border: 1px solid rgba(29,28,29,.13); border-radius: 3px; padding: 2px 3px 1px; }
.message { width: 600px; display: flex; gap: 8px; padding: 8px 20px; background: #fff; }
.avatar { flex: 0 0 36px; height: 36px; border-radius: 8px; background: #5b5fc7; color: #fff; font-weight: 900; font-size: 18px; display: flex; align-items: center; justify-content: center; margin-top: 4px; }
.message-main { flex: 1; min-width: 0; }
.byline { display: flex; align-items: baseline; gap: 4px; }
.name { font-weight: 900; }
.app { font-size: 10px; font-weight: 700; color: rgba(29,28,29,.7); background: rgba(29,28,29,.06); border-radius: 2px; padding: 1px 3px; }
.time { font-size: 12px; color: #616061; margin-left: 4px; }
.header { font-size: 18px; font-weight: 900; line-height: 1.33; margin: 6px 0 4px; }
.section { display: flex; gap: 12px; margin: 4px 0; }
.section-body { flex: 1; min-width: 0; white-space: normal; overflow-wrap: anywhere; }
.fields { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 16px; margin-top: 6px; }
.context { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; font-size: 12px; line-height: 1.5; color: #616061; margin: 4px 0; }
.ctx-item { overflow-wrap: anywhere; }
.ctx-image { width: 20px; height: 20px; border-radius: 4px; background: #ddd; }
.rich-text { margin: 4px 0; overflow-wrap: anywhere; }
.rt-list { margin: 2px 0; padding-left: 22px; }
.rt-list li { margin: 2px 0; }
blockquote { margin: 4px 0; padding-left: 12px; border-left: 4px solid #ddd; }
pre { margin: 4px 0; padding: 8px; border: 1px solid rgba(29,28,29,.13); border-radius: 4px; background: rgba(29,28,29,.04); font-size: 12px; white-space: pre-wrap; }
.mention { color: #1264a3; background: rgba(29,155,209,.1); border-radius: 3px; padding: 0 2px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 4px; }
.button { display: inline-flex; align-items: center; height: 28px; padding: 0 12px; border: 1px solid rgba(29,28,29,.3); border-radius: 8px; background: #fff; font-size: 13px; font-weight: 700; color: #1d1c1d; white-space: nowrap; }
.button.primary { background: #007a5a; border-color: #007a5a; color: #fff; }
.button.danger { background: #e01e5a; border-color: #e01e5a; color: #fff; }
.button.overflow { padding: 0 8px; }
.divider { border: 0; border-top: 1px solid #dddddd; margin: 12px 0; }
.home { width: 680px; background: #fff; border: 1px solid #ddd; }
.home-bar { display: flex; align-items: center; gap: 8px; padding: 12px 16px 4px; font-weight: 700; font-size: 18px; }
.home-tabs { display: flex; gap: 20px; padding: 0 16px; border-bottom: 1px solid #ddd; font-size: 14px; color: #616061; }
.home-tabs .tab { padding: 8px 0; }
.home-tabs .tab.on { color: #1d1c1d; font-weight: 700; border-bottom: 2px solid #1264a3; }
.home-body { padding: 8px 16px 16px; }
.file { margin-top: 8px; }
.file-title { font-size: 13px; color: #616061; margin-bottom: 4px; }
.file img { max-width: 100%; border: 1px solid #ddd; border-radius: 8px; }
.image-block, .image { display: inline-block; padding: 8px; border: 1px dashed #bbb; color: #616061; font-size: 12px; }
.unknown { color: #b00; font-size: 12px; }
.modal { width: 520px; border-radius: 8px; box-shadow: 0 0 0 1px rgba(29,28,29,.13), 0 18px 48px rgba(0,0,0,.35); background: #fff; overflow: hidden; }
.modal-title { display: flex; justify-content: space-between; align-items: center; padding: 18px 28px 14px; font-size: 22px; font-weight: 900; }
.close { font-size: 16px; color: #616061; }
.modal-body { padding: 0 28px 8px; max-height: none; }
.modal-footer { display: flex; justify-content: flex-end; gap: 12px; padding: 20px 28px; border-top: 1px solid #dddddd; }
.modal-footer .button { height: 36px; padding: 0 16px; font-size: 15px; }
.input { margin: 14px 0; }
.label { font-weight: 700; margin-bottom: 6px; }
.optional { font-weight: 400; color: #616061; }
.hint { font-size: 13px; color: #616061; margin-top: 4px; }
.text-input, .select { display: flex; align-items: flex-start; justify-content: space-between; width: 100%; min-height: 40px; padding: 9px 12px; border: 1px solid rgba(29,28,29,.3); border-radius: 8px; font-size: 15px; white-space: pre-wrap; overflow-wrap: anywhere; }
.text-input.multiline { min-height: 82px; }
.select { align-items: center; }
.chevron { color: #616061; }
.placeholder { color: #868686; }
.choice { display: flex; align-items: center; gap: 8px; margin: 6px 0; }
.box, .radio { width: 16px; height: 16px; border: 1px solid rgba(29,28,29,.5); border-radius: 4px; }
.radio { border-radius: 50%; }
.checked { background: #1264a3; border-color: #1264a3; }
`;

/** A whole page holding one message or modal, for a screenshot of its #shot element. */
export function slackPage(inner: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${SLACK_CSS}</style></head><body>${inner}</body></html>`;
}
