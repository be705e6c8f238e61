import type { Express } from "express";
import type { Logger, StoredLetter } from "../../core/index.ts";
import type { PrismaLetterStore } from "../store/prisma-letter-store.ts";

/** A letter's link: its 128-bit token, base64url, then ".pdf". */
const LETTER_FILE = /^([A-Za-z0-9_-]{22})\.pdf$/;

/**
 * GET /letters/<token>.pdf: a drafted grievance letter for the liaison who was sent its link. The
 * token is the only key (no listing, no guessing); the answer is never cached and sends no referrer.
 */
export function mountLetterRoute(
  app: Express,
  store: Pick<PrismaLetterStore, "byToken">,
  logger: Logger,
  opened: (letter: StoredLetter, from: string) => Promise<void>,
): void {
  app.get("/letters/:file", async (req, res) => {
    res.set({
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
    });
    const token = LETTER_FILE.exec(req.params.file)?.[1];
    try {
      const letter = token ? await store.byToken(token) : undefined;
      if (!letter) {
        res
          .status(404)
          .type("text/plain")
          .send("There is no such letter. Open it from the link Liaison sent you.");
        return;
      }
      // Every opening is in the concern's audit trail, so who could have read it can be traced.
      await opened(letter, req.ip ?? "unknown").catch((error: unknown) =>
        logger.warn({ err: error }, "could not record a letter's opening"),
      );
      res
        .status(200)
        .set({
          "Content-Type": "application/pdf",
          "Content-Disposition": `inline; filename="${letter.fileName}"`,
        })
        .send(Buffer.from(letter.pdf));
    } catch (error) {
      logger.error({ err: error }, "could not read a grievance letter");
      res
        .status(503)
        .type("text/plain")
        .send("Liaison cannot read its letters right now; please try again in a minute.");
    }
  });
}
