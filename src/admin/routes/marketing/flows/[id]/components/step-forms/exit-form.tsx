import { Text } from "@medusajs/ui"

/** Nothing to set: the contact leaves the flow here. */
export const ExitForm = () => (
  <Text size="small" className="text-ui-fg-subtle">
    Contacts who reach this step leave the flow (not converted).
  </Text>
)
