/** The sample hospital's people as Slack sends them in payloads (ids from the sample directory). */
export const SLACK_NURSE = { id: "U04NIAOKF01", name: "nia.okafor" };
export const SLACK_RESPONDER = { id: "U04SAMRVR02", name: "sam.rivera" };
export const SLACK_HEAD = { id: "U04JOKIMH03", name: "jo.kim" };
export const SLACK_BILLING = { id: "U04BADLER09", name: "ben.adler" };
export const SLACK_LIAISON = { id: "U04PMORGN07", name: "pat.morgan" };
