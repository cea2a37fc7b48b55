import { MedusaError } from "@medusajs/framework/utils"

/**
 * A 400 about input. `field` is the path of the first bad field (`events[3].anonymous_id`), which the API's
 * error handler answers beside `type` and `message`; the message names every bad field.
 */
export class InvalidInputError extends MedusaError {
  constructor(message: string, readonly field?: string) {
    super(MedusaError.Types.INVALID_DATA, message)
  }
}

/** A template's problems as one 400: `html: line 3, column 5: …`, the position only where there is one. */
export function invalidTemplate(errors: { field: string; line?: number | null; column?: number | null; message: string }[]): InvalidInputError {
  const where = (e: (typeof errors)[number]) => (e.line != null ? `line ${e.line}, column ${e.column ?? 1}: ` : "")
  return new InvalidInputError(`Invalid request: ${errors.map((e) => `${e.field}: ${where(e)}${e.message}`).join("; ")}`, errors[0]?.field)
}
