/** A Postgres text[] literal, passed as one parameter; every value is quoted, whatever it holds. */
export function pgArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`
}
