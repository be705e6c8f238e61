/**
 * The route a request went to, as a metric label: a fixed name, never the raw path, because paths
 * carry secrets (a room's QR code, a survey token, a letter's file name) and every distinct path would
 * make a series of its own. Anything else is "other".
 */
const ROUTES: [RegExp, string][] = [
  [/^\/slack\/events$/, "/slack/events"],
  [/^\/api\/messages$/, "/api/messages"],
  [/^\/healthz$/, "/healthz"],
  [/^\/metrics$/, "/metrics"],
  [/^\/web\/page\.css$/, "/web/page.css"],
  [/^\/family\/[^/]+$/, "/family/:code"],
  [/^\/family\/[^/]+\/sent$/, "/family/:code/sent"],
  [/^\/survey\/[^/]+$/, "/survey/:token"],
  [/^\/survey\/[^/]+\/thanks$/, "/survey/:token/thanks"],
  [/^\/survey\/[^/]+\/print$/, "/survey/:token/print"],
  [/^\/letters\/[^/]+$/, "/letters/:file"],
];

export const ROUTE_NAMES: readonly string[] = [...ROUTES.map(([, name]) => name), "other"];

export function routeName(path: string): string {
  return ROUTES.find(([pattern]) => pattern.test(path))?.[1] ?? "other";
}
