import { Input, Text } from "@medusajs/ui"
import { MAX_WINDOW_DAYS } from "../../../../../lib/segments"

/** "in the last [N] days", empty for ever. */
export const WithinDaysInput = ({
  value,
  invalid,
  onChange,
}: {
  value: string
  invalid?: boolean
  onChange: (value: string) => void
}) => (
  <div className="flex items-center gap-x-2">
    <Text size="small" leading="compact" className="text-ui-fg-subtle shrink-0">
      in the last
    </Text>
    <Input
      size="small"
      type="number"
      min={1}
      max={MAX_WINDOW_DAYS}
      step={1}
      value={value}
      placeholder="ever"
      aria-label="Within the last days (empty: ever)"
      aria-invalid={invalid}
      onChange={(event) => onChange(event.target.value)}
    />
    <Text size="small" leading="compact" className="text-ui-fg-subtle shrink-0">
      days
    </Text>
  </div>
)
