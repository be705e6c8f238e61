import { z } from "zod";

/** The parts of view_submission's state we read; anything else in the payload is ignored. */
const element = z.looseObject({
  value: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_option: z.looseObject({ value: z.string() }).nullish(),
  selected_options: z.array(z.looseObject({ value: z.string() })).nullish(),
});
export const viewStateSchema = z.record(z.string(), z.record(z.string(), element));
export type ViewState = z.infer<typeof viewStateSchema>;

/** The text or selected value of an input block's "value" element; undefined when empty. */
export function valueOf(state: ViewState, blockId: string): string | undefined {
  const el = state[blockId]?.value;
  return el?.value ?? el?.selected_option?.value ?? el?.selected_date ?? undefined;
}

export function checkedOf(state: ViewState, blockId: string): string[] {
  return (state[blockId]?.value?.selected_options ?? []).map((o) => o.value);
}
