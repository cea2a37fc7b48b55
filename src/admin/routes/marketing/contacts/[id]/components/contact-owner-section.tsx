import { Container, Text } from "@medusajs/ui"
import { SectionHeader } from "../../../../../components/section-header"
import { SectionRow } from "../../../../../components/section-row"
import { useAdminUser } from "../../../../../hooks/api/users"
import type { Contact } from "../../../../../lib/types"
import { adminUserLabel } from "../../../../../lib/users"

/** The admin user who owns the contact (a flow's assign-owner step sets it). */
export const ContactOwnerSection = ({ contact }: { contact: Contact }) => {
  const ownerId = contact.owner_user_id ?? null
  const { data, isPending } = useAdminUser(ownerId)
  const user = data?.user
  // While loading, or when the user was deleted, the id is all there is to show.
  const label = user ? adminUserLabel(user) : isPending ? "…" : ownerId
  return (
    <Container className="divide-y p-0" data-testid="marketing-contact-owner">
      <SectionHeader title="Owner" />
      {ownerId ? (
        <SectionRow title="Owner" value={label} />
      ) : (
        <div className="px-6 py-4">
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            No owner yet. A flow's assign-owner step gives one.
          </Text>
        </div>
      )}
    </Container>
  )
}
