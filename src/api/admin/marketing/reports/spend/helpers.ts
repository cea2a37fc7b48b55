/** A spend row as the API answers: the amount as a number, without the raw column. */
export function presentSpend(row: Record<string, any>) {
  const { raw_amount, deleted_at, ...rest } = row
  return { ...rest, amount: Number(row.amount) }
}
