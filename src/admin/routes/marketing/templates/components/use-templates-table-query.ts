import { useSearchListQuery } from "../../../../components/list-table-url-state"
import type { TemplateListParams } from "../../../../lib/types"

export const TEMPLATES_PAGE_SIZE = 20

/** The API query of the templates table (`?q`, `?offset`), from the URL. */
export const useTemplatesTableQuery = (): TemplateListParams =>
  useSearchListQuery(TEMPLATES_PAGE_SIZE)
