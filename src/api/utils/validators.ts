import { z } from "@medusajs/framework/zod"

/** `limit` and `offset` of a list route, from the query string. */
export const listParams = ({ max, defaultLimit }: { max: number; defaultLimit: number }) => ({
  limit: z.coerce.number().int().min(1).max(max).default(defaultLimit),
  offset: z.coerce.number().int().min(0).default(0),
})

/** The name an owner gives a segment, template or rule. */
export const nameField = () => z.string().trim().min(1).max(200)

/** Its optional description. */
export const descriptionField = () => z.string().max(2000).nullish()
