import { Text } from "@medusajs/ui"

/** A labelled figure of a summary row. */
export const Figure = ({ label, value, testId }: { label: string; value: string; testId?: string }) => (
  <div className="flex flex-col gap-y-0.5">
    <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="large" weight="plus" leading="compact" className="tabular-nums" data-testid={testId}>
      {value}
    </Text>
  </div>
)
