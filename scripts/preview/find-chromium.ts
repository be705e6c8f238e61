import { existsSync } from "node:fs";

/** Debian's Chromium (packages, never a download): what the pictures and the browser tests run in. */
export const CHROMIUM_INSTALL =
  "sudo apt-get install -y chromium fonts-lato fonts-open-sans fonts-noto-color-emoji";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

/** CHROMIUM_PATH if set (and there), else the first installed browser of the usual places. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}
