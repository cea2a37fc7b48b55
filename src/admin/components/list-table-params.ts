import type {
  DataTableFilter,
  DataTableSortingState,
} from "@medusajs/ui"

/** How a list's table state is written in its URL's parameters. */

/** The offset of the page the URL's `offset` falls on. */
export const offsetOf = (value: string | undefined, pageSize: number) => {
  const offset = Number(value)
  return Number.isInteger(offset) && offset > 0
    ? Math.floor(offset / pageSize) * pageSize
    : 0
}

/** `q` from the URL, trimmed; undefined when empty. */
export const searchOf = (value: string | undefined) =>
  value?.trim() ? value.trim() : undefined

/** A URL parameter that must be one of `values` (a status, a kind); undefined otherwise. */
export const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  values.find((known) => known === value)

export const toOrder = (sorting: DataTableSortingState) =>
  `${sorting.desc ? "-" : ""}${sorting.id}`

export const fromOrder = (order: string): DataTableSortingState =>
  order.startsWith("-")
    ? { id: order.slice(1), desc: true }
    : { id: order, desc: false }

export const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === "" ||
  (Array.isArray(value) && value.length === 0)

/** A filter's value as one URL parameter. */
export const encodeFilter = (value: unknown) =>
  Array.isArray(value)
    ? value.join(",")
    : typeof value === "object"
    ? JSON.stringify(value)
    : String(value)

/** A URL parameter as the value the filter of that type holds. */
export const decodeFilter = (filter: DataTableFilter, raw: string): unknown => {
  switch (filter.type) {
    case "select":
    case "multiselect":
      return raw.split(",").filter(Boolean)
    case "number": {
      const number = Number(raw)
      return raw.trim() && Number.isFinite(number) ? number : undefined
    }
    case "date":
    case "custom":
      try {
        return JSON.parse(raw)
      } catch {
        return undefined
      }
    default:
      return raw
  }
}
