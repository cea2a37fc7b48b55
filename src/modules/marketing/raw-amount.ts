/**
 * The `raw_<column>` JSON Medusa keeps beside a `bigNumber` column, for SQL
 * that writes the column itself (the ORM fills it otherwise); null stays null.
 */
export function rawAmount(amount: number | string | null | undefined): string | null {
  return amount == null ? null : JSON.stringify({ value: String(amount), precision: 20 })
}
