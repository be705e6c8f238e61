import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { ChartPainter, Logger, ReportContent } from "../../core/index.ts";
import { classifySlackError } from "./slack-delivery-error.ts";
import { shareInDirectMessages } from "./slack-direct-share.ts";
import { ephemeral } from "./slack-handler-support.ts";
import { reportReply, type SlackReply } from "./slack-replies.ts";
import { richText } from "./slack-text.ts";

export const REPORT_FILENAME = "liaison-report.png";

/** What the asker sees where they typed the command once the report is in their direct messages. */
function sentReply(content: ReportContent): SlackReply {
  const words = `Your report is in your direct messages with Liaison: ${content.title}`;
  return { text: words, blocks: [richText([[{ text: words }]])] };
}

/** The numbers where the command was typed, and why the chart is missing, so nothing asked for is lost. */
function numbersWithoutChart(content: ReportContent, reason: string): SlackReply {
  const reply = reportReply(content);
  const why = `The chart could not be sent to your direct messages (Slack said: ${reason}).`;
  return { text: reply.text, blocks: [...(reply.blocks ?? []), richText([[{ text: why }]])] };
}

/**
 * A report and its chart in one message of the asker's direct messages with Liaison: a file share
 * carrying the report's blocks, because an image block can only show a Slack file its viewer can open.
 * Only the asker sees it, like the command's own answer.
 */
export async function deliverSlackReport(
  client: WebClient,
  respond: RespondFn,
  deps: { charts: ChartPainter; logger: Logger },
  userId: string,
  content: ReportContent,
): Promise<void> {
  try {
    const png = await deps.charts.paintReport(content.chart, "wide");
    await shareInDirectMessages(client, userId, {
      bytes: Buffer.from(png),
      filename: REPORT_FILENAME,
      title: content.title,
      altText: content.chart.altText,
      blocks: reportReply(content).blocks!,
    });
  } catch (error) {
    const outcome = classifySlackError(error);
    const reason = "error" in outcome ? outcome.error : "no answer";
    deps.logger.warn(
      { error: reason },
      "slack report chart not delivered; the numbers were answered instead",
    );
    await ephemeral(respond, numbersWithoutChart(content, reason));
    return;
  }
  await ephemeral(respond, sentReply(content));
}
