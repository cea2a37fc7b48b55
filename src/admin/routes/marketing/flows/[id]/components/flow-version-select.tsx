import { SelectInput } from "../../../../../components/select-input"
import { formatDate } from "../../../../../lib/format"
import type { Flow, FlowVersion } from "../../../../../lib/types"

/** "Current" and each published version, newest first; older versions open read-only. */
export const FlowVersionSelect = ({
  flow,
  versions,
  value,
  onChange,
}: {
  flow: Flow
  versions: FlowVersion[]
  value: string
  onChange: (value: string) => void
}) => (
  <SelectInput
    label="Version"
    testId="flow-version-select"
    value={value}
    onChange={onChange}
    options={[
      { value: "current", label: flow.status === "draft" ? "Draft" : "Current" },
      ...versions.map((v) => ({
        value: String(v.version),
        label: `Version ${v.version}${v.id === flow.active_version_id ? " (live)" : ""} · ${formatDate(v.published_at)}`,
      })),
    ]}
  />
)
