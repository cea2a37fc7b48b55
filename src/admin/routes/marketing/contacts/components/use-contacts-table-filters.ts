import { createDataTableFilterHelper } from "@medusajs/ui"
import { useMemo } from "react"
import { getCountryOptions } from "../../../../lib/countries"
import { DEVICE_LABELS } from "../../../../lib/format"
import {
  LIFECYCLE_STAGES,
  RFM_GROUPS,
  getLifecycleStageLabel,
} from "../../../../lib/scoring"
import { useAdminUsers } from "../../../../hooks/api/users"
import type { Contact } from "../../../../lib/types"
import { adminUserLabel } from "../../../../lib/users"
import { DEVICE_TYPES, FILTER_IDS } from "./use-contacts-table-query"

const filterHelper = createDataTableFilterHelper<Contact>()

export const useContactsTableFilters = () => {
  // Owners are admin users (a flow's assign-owner step picks them).
  const users = useAdminUsers().data?.users
  return useMemo(
    () => [
      filterHelper.accessor(FILTER_IDS.country, {
        type: "select",
        label: "Country",
        options: getCountryOptions(),
      }),
      filterHelper.accessor(FILTER_IDS.device, {
        type: "radio",
        label: "Device",
        options: DEVICE_TYPES.map((device) => ({
          label: DEVICE_LABELS[device],
          value: device,
        })),
      }),
      filterHelper.custom({
        id: FILTER_IDS.source,
        type: "string",
        label: "Source",
        placeholder: "utm_source, e.g. google",
      }),
      filterHelper.custom({
        id: FILTER_IDS.known,
        type: "radio",
        label: "Known or anonymous",
        options: [
          { label: "Known", value: "true" },
          { label: "Anonymous", value: "false" },
        ],
      }),
      filterHelper.custom({
        id: FILTER_IDS.lastSeen,
        type: "radio",
        label: "Last seen",
        options: [
          { label: "Last 24 hours", value: "24h" },
          { label: "Last 7 days", value: "7d" },
          { label: "Last 30 days", value: "30d" },
        ],
      }),
      filterHelper.custom({
        id: FILTER_IDS.lifecycleStage,
        type: "radio",
        label: "Lifecycle stage",
        options: LIFECYCLE_STAGES.map((stage) => ({
          label: getLifecycleStageLabel(stage) ?? stage,
          value: stage,
        })),
      }),
      filterHelper.custom({
        id: FILTER_IDS.rfmGroup,
        type: "radio",
        label: "RFM group",
        options: RFM_GROUPS.map((group) => ({ label: group, value: group })),
      }),
      filterHelper.custom({
        id: FILTER_IDS.minAcquisitionScore,
        type: "number",
        label: "Minimum acquisition score",
        placeholder: "e.g. 50",
        includeOperators: false,
      }),
      filterHelper.custom({
        id: FILTER_IDS.owner,
        type: "radio",
        label: "Owner",
        options: (users ?? []).map((user) => ({ label: adminUserLabel(user), value: user.id })),
      }),
    ],
    [users]
  )
}
