import { Hint, Label, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

type FormFieldProps = {
  /** The id of the control, for the label. */
  id: string
  label: string
  optional?: boolean
  hint?: ReactNode
  error?: string | null
  children: ReactNode
}

/** A label, its control, and a hint or an error, as in Medusa's forms. */
export const FormField = ({
  id,
  label,
  optional,
  hint,
  error,
  children,
}: FormFieldProps) => (
  <div className="flex flex-col gap-y-2">
    <div className="flex items-center gap-x-1">
      <Label htmlFor={id} size="small" weight="plus">
        {label}
      </Label>
      {optional ? (
        <Text size="small" leading="compact" className="text-ui-fg-muted">
          (Optional)
        </Text>
      ) : null}
    </div>
    {children}
    {error ? (
      <Hint variant="error">{error}</Hint>
    ) : hint ? (
      <Hint>{hint}</Hint>
    ) : null}
  </div>
)
