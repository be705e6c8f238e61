import express, { type Express, type NextFunction, type Request, type Response } from "express";
import {
  checkFamilyForm,
  FAMILY_LANGUAGES,
  familyAnswerWithinMinutes,
  familyConcernsOn,
  type FamilyConcernSettings,
  type FamilyLanguage,
  type LiaisonContext,
  raiseFamilyConcern,
} from "../../core/index.ts";
import type { FamilyPageCounts } from "../store/family-page-counts.ts";
import { checkNonce, issueNonce } from "./family-form-nonce.ts";
import {
  type FamilyFormState,
  familyFormPage,
  familyNotFoundPage,
  type FamilyPlace,
  familyRefusedPage,
  familySentPage,
} from "./family-pages.ts";
import { countKey, readRoomCode, type RoomCode, type RoomCodeKeys } from "./room-code.ts";
import { sendPage } from "./web-page.ts";

export interface FamilyPageDeps {
  ctx: LiaisonContext;
  /** Undefined without LIAISON_ROOM_CODE_SECRET: then every code is refused. */
  keys: RoomCodeKeys | undefined;
  counts: FamilyPageCounts;
}

/** A body bigger than a 2000-character concern and a contact in any script needs: refused unread. */
export const FAMILY_BODY_LIMIT = "8kb";
const HOUR_MS = 3_600_000;

/** The language asked for by link, else the browser's first one the page is written in, else the first. */
function pickLanguage(req: Request, offered: readonly FamilyLanguage[], asked?: unknown): FamilyLanguage {
  const isOffered = (l: unknown): l is FamilyLanguage => offered.includes(l as FamilyLanguage);
  if (isOffered(asked)) return asked;
  if (isOffered(req.query.lang)) return req.query.lang;
  const browser = (req.headers["accept-language"] ?? "")
    .split(",")
    .map((part) => part.trim().slice(0, 2).toLowerCase());
  return browser.find(isOffered) ?? offered[0] ?? "en";
}

type Resolved = { place: FamilyPlace; room: RoomCode; settings: FamilyConcernSettings; keys: RoomCodeKeys };

/** The room a request's code names, when the page is on, the code is genuine and its unit exists. */
function resolve(deps: FamilyPageDeps, req: Request, asked?: unknown): Resolved | undefined {
  const directory = deps.ctx.directory();
  const settings = familyConcernsOn(directory);
  const code = String(req.params.code ?? "");
  const room = settings && deps.keys ? readRoomCode(deps.keys, code) : undefined;
  const unit = room && directory.directory.units.find((u) => u.id === room.unit);
  if (!settings || !deps.keys || !room || !unit) return undefined;
  const facts = {
    emergencyNumber: settings.emergencyNumber,
    patientRelationsNumber: settings.patientRelationsNumber,
    room: room.room,
    unitName: unit.name,
    answerWithinMinutes: familyAnswerWithinMinutes(directory, settings),
  };
  const lang = pickLanguage(req, settings.languages, asked);
  return { place: { lang, languages: settings.languages, code, facts }, room, settings, keys: deps.keys };
}

const notFound = (req: Request, res: Response) =>
  sendPage(res, 404, familyNotFoundPage(pickLanguage(req, FAMILY_LANGUAGES)));

/**
 * The family page: GET /family/<code> shows the form for that room, POST sends it, and
 * GET /family/<code>/sent says what happens next. Off (404) unless the directory turns it on.
 */
export function mountFamilyPages(app: Express, deps: FamilyPageDeps): void {
  app.get("/family/:code", (req, res) => {
    const found = resolve(deps, req);
    if (!found) return notFound(req, res);
    sendPage(res, 200, familyFormPage(found.place, issueNonce(found.keys, found.room, deps.ctx.clock.now())));
  });
  app.get("/family/:code/sent", (req, res) => {
    const found = resolve(deps, req);
    if (!found) return notFound(req, res);
    sendPage(res, 200, familySentPage(found.place));
  });
  const tooLong = (error: { type?: string }, req: Request, res: Response, _next: NextFunction) => {
    const found = resolve(deps, req);
    if (!found) return notFound(req, res);
    const big = error.type === "entity.too.large" || error.type === "parameters.too.many";
    sendPage(res, big ? 413 : 400, familyRefusedPage(found.place, "too-long"));
  };
  app.post(
    "/family/:code",
    express.urlencoded({ extended: false, limit: FAMILY_BODY_LIMIT, parameterLimit: 10 }),
    (req: Request, res: Response) => sendFamilyConcern(deps, req, res),
    tooLong,
  );
}

const field = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : "";
};

/** The POST: checked, once only, within the limits, then raised like any concern; 303 to "sent". */
async function sendFamilyConcern(deps: FamilyPageDeps, req: Request, res: Response): Promise<void> {
  const found = resolve(deps, req, field(req.body, "lang"));
  if (!found) return notFound(req, res);
  const { place, room, settings, keys } = found;
  const now = deps.ctx.clock.now();
  const { form, problems } = checkFamilyForm({
    description: field(req.body, "description"),
    contact: field(req.body, "contact"),
  });
  // Shown again to this visitor, in this response only, with a fresh one-time key.
  const again = (status: number, state: FamilyFormState) =>
    sendPage(res, status, familyFormPage(place, issueNonce(keys, room, now), state));
  if (Object.keys(problems).length > 0) return again(422, { form, problems });
  const nonce = checkNonce(keys, room, field(req.body, "nonce"), now);
  if (!nonce) return again(422, { form, problems, notSent: "stale" });
  const address = req.ip ?? req.socket.remoteAddress ?? "unknown";
  try {
    if ((await deps.counts.add(countKey(keys, "nonce", nonce.id), nonce.issuedAt)) > 1) {
      return sendPage(res, 409, familyRefusedPage(place, "already-sent"));
    }
    if (await overLimit(deps.counts, keys, settings, room, address, now)) {
      deps.ctx.logger.warn({ unit: room.unit }, "family page: a room or an address is over its hourly limit");
      return sendPage(res, 429, familyRefusedPage(place, "too-many"));
    }
    const concern = await raiseFamilyConcern(deps.ctx, {
      unit: room.unit,
      room: room.room,
      form,
      language: place.lang,
      keyId: room.keyId,
      from: countKey(keys, "address", address),
    });
    deps.ctx.logger.info({ concern: concern.reference, unit: room.unit }, "family page: concern sent");
  } catch (error) {
    deps.ctx.logger.error({ err: error }, "family page: could not send a concern");
    return again(503, { form, problems, notSent: "failed" });
  }
  res.redirect(303, `/family/${place.code}/sent?lang=${place.lang}`);
}

/** Counts this sending against its room and its address in the current hour; true if either is over. */
async function overLimit(
  counts: FamilyPageCounts,
  keys: RoomCodeKeys,
  settings: FamilyConcernSettings,
  room: RoomCode,
  address: string,
  now: Date,
): Promise<boolean> {
  const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const byRoom = await counts.add(countKey(keys, "code", `${room.unit}/${room.room}`), hour);
  const byAddress = await counts.add(countKey(keys, "address", address), hour);
  return byRoom > settings.limits.perCodePerHour || byAddress > settings.limits.perAddressPerHour;
}
