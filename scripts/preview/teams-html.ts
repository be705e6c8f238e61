/*
 * What the card previews need to draw an Adaptive Card as Teams would: a host config modelled on
 * Teams' light theme, the page around the card, and the few lines that run in the page to render it
 * with the adaptivecards bundle (loaded from node_modules, nothing fetched).
 */

const SEGOE_LIKE = [
  '"Segoe UI"',
  '"Segoe UI Web (West European)"',
  "-apple-system",
  "BlinkMacSystemFont",
  "Roboto",
  '"Helvetica Neue"',
  '"Open Sans"',
  '"Noto Sans"',
  '"Liberation Sans"',
  '"Noto Color Emoji"',
  "sans-serif",
].join(", ");

const color = (normal: string, subtle: string) => ({ default: normal, subtle });

/** Teams' light theme text colours, on white (default) and on the light grey of emphasis containers. */
const FOREGROUND = {
  default: color("#242424", "#616161"),
  dark: color("#242424", "#424242"),
  light: color("#ffffff", "#f5f5f5"),
  accent: color("#5b5fc7", "#4f52b2"),
  good: color("#237b4b", "#0e700e"),
  warning: color("#835c00", "#8a3707"),
  attention: color("#c4314b", "#b10e1c"),
};

/** A host config in Adaptive Cards' JSON form, modelled on Microsoft Teams' light theme. */
export const TEAMS_LIGHT_HOST_CONFIG = {
  supportsInteractivity: true,
  fontFamily: SEGOE_LIKE,
  fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 24 },
  lineHeights: { small: 16, default: 20, medium: 22, large: 24, extraLarge: 32 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: "#e0e0e0" },
  imageSizes: { small: 32, medium: 52, large: 100 },
  containerStyles: {
    default: { backgroundColor: "#ffffff", foregroundColors: FOREGROUND },
    emphasis: { backgroundColor: "#f5f5f5", foregroundColors: FOREGROUND },
    accent: { backgroundColor: "#e8ebfa", foregroundColors: FOREGROUND },
    good: { backgroundColor: "#e7f2da", foregroundColors: FOREGROUND },
    warning: { backgroundColor: "#fbf6d9", foregroundColors: FOREGROUND },
    attention: { backgroundColor: "#fcf4f6", foregroundColors: FOREGROUND },
  },
  actions: {
    maxActions: 6,
    spacing: "default",
    buttonSpacing: 8,
    showCard: { actionMode: "inline", inlineTopMargin: 16 },
    actionsOrientation: "horizontal",
    actionAlignment: "stretch",
  },
  adaptiveCard: { allowCustomStyle: true },
  textStyles: {
    heading: { weight: "bolder", size: "large", color: "default", isSubtle: false, fontType: "default" },
    columnHeader: { weight: "bolder", size: "default", color: "default", isSubtle: false },
  },
  textBlock: { headingLevel: 2 },
  inputs: {
    label: {
      inputSpacing: "small",
      requiredInputs: { weight: "bolder", suffix: " *", suffixColor: "attention" },
      optionalInputs: { weight: "bolder" },
    },
    errorMessage: { size: "small", color: "attention" },
  },
  factSet: {
    title: { color: "default", size: "default", isSubtle: false, weight: "bolder", wrap: true },
    value: { color: "default", size: "default", isSubtle: false, weight: "default", wrap: true },
    spacing: 12,
  },
};

/** Teams' chat surroundings and controls (buttons, inputs), approximately. */
const TEAMS_CSS = `
* { box-sizing: border-box; }
body { margin: 0; padding: 16px; background: #f5f5f5; font-family: ${SEGOE_LIKE}; color: #242424; -webkit-font-smoothing: antialiased; }
#shot { width: 500px; padding: 0; background: transparent; }
.bubble { background: #ffffff; border-radius: 6px; box-shadow: 0 0 2px rgba(0,0,0,.12), 0 1px 2px rgba(0,0,0,.14); overflow: hidden; }
.byline { font-size: 12px; color: #616161; margin: 0 0 6px 2px; }
.byline b { color: #242424; font-weight: 600; margin-right: 6px; }
.ac-adaptiveCard { outline: none; }
.ac-pushButton { font-family: inherit; font-size: 14px; font-weight: 600; color: #242424; background: #ffffff; border: 1px solid #d1d1d1; border-radius: 4px; min-height: 32px; padding: 5px 12px; cursor: pointer; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
/* Five buttons do not fit one row of a 500 px card: wrap them rather than cut their titles. */
.ac-actionSet { flex-wrap: wrap; row-gap: 8px; }
.ac-actionSet > .ac-pushButton { flex: 1 0 auto !important; }
.ac-pushButton.style-positive { background: #5b5fc7; border-color: #5b5fc7; color: #fff; }
.ac-pushButton.style-destructive { color: #c4314b; }
.ac-input { font-family: inherit; font-size: 14px; color: #242424; }
.ac-textInput, .ac-multichoiceInput.ac-choiceSetInput-compact, select.ac-input { width: 100%; min-height: 32px; padding: 5px 10px; border: 1px solid #d1d1d1; border-bottom-color: #616161; border-radius: 4px; background: #ffffff; }
.ac-textInput.ac-multiline { min-height: 72px; resize: none; }
.ac-input-validation-failed { border-color: #c4314b !important; }
.ac-inlineActionButton { display: none; }
a { color: #5b5fc7; text-decoration: none; }
code { font-family: Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 13px; background: #f5f5f5; border: 1px solid #e0e0e0; border-radius: 3px; padding: 0 3px; }
`;

/** The page a card is rendered into: the bundle is added after, then RENDER_SCRIPT. */
export function teamsPage(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${TEAMS_CSS}</style></head><body><div id="shot"></div></body></html>`;
}

/**
 * Runs in the page, after adaptivecards.min.js: `renderTeamsCard(card, hostConfig, byline)` renders the
 * card into #shot and returns the renderer's warnings. Teams parses Markdown in TextBlocks (bold,
 * italic, code, links, lists, line breaks), so the preview does too, escaping the text first; TextRuns stay literal.
 */
export const RENDER_SCRIPT = `
(() => {
  const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const markdown = (text) =>
    escapeHtml(text)
      .replace(/\\[([^\\]]+)\\]\\((https?:[^)\\s]+)\\)/g, '<a href="$2">$1</a>')
      .replace(/\\*\\*([^*]+)\\*\\*/g, "<b>$1</b>")
      .replace(/\`([^\`]+)\`/g, "<code>$1</code>")
      .replace(/^- /gm, "• ")
      .replace(/(^|\\s)_([^_]+)_(?=$|[\\s.,;:!?])/g, "$1<i>$2</i>")
      .replace(/\\n/g, "<br>");
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdown(text);
    result.didProcess = true;
  };
  window.renderTeamsCard = (payload, hostConfig, byline) => {
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
    const context = new AdaptiveCards.SerializationContext();
    card.parse(payload, context);
    const element = card.render();
    if (!element) throw new Error("the card did not render");
    const shot = document.getElementById("shot");
    shot.innerHTML = "";
    const head = document.createElement("div");
    head.className = "byline";
    head.innerHTML = "<b>Liaison</b>" + escapeHtml(byline);
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    bubble.appendChild(element);
    shot.appendChild(head);
    shot.appendChild(bubble);
    const problems = [];
    for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
    return problems;
  };
})();
`;
