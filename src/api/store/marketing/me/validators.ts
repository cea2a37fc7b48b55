import { z } from "@medusajs/framework/zod"

/** Erasure is final: the storefront must say so explicitly. */
export const StoreEraseMe = z.preprocess(
  (body) => body ?? {},
  z
    .object({
      confirm: z.literal(true, { error: "must be true to erase your marketing data" }),
    })
    .strict()
)

export type StoreEraseMeType = z.output<typeof StoreEraseMe>
