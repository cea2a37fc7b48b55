import { createDataTableFilterHelper } from "@medusajs/ui"
import { useMemo } from "react"
import { ENROLLMENT_STATUSES, enrollmentStatusLabel } from "../../../../../../lib/flows"
import type { FlowEnrollment } from "../../../../../../lib/types"

const filterHelper = createDataTableFilterHelper<FlowEnrollment>()

export const useEnrollmentsTableFilters = () =>
  useMemo(
    () => [
      filterHelper.accessor("status", {
        type: "radio",
        label: "Status",
        options: ENROLLMENT_STATUSES.map((status) => ({
          label: enrollmentStatusLabel(status),
          value: status,
        })),
      }),
    ],
    []
  )
