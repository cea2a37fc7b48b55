import type { FormTargeting } from "./types"

/** What the plugin knows about a visitor, for the forms they may see. */
export type FormVisitor = {
  contact_id: string | null
  /** The contact's email consent: `granted` or `pending` (a confirmation on its way) counts as subscribed. */
  email_marketing_consent: string | null
  country_code: string | null
  segment_ids: string[]
}

export const isSubscribed = (visitor: FormVisitor) =>
  visitor.email_marketing_consent === "granted" || visitor.email_marketing_consent === "pending"

/**
 * The forms this visitor must not see: every signup form for a contact
 * already subscribed; a form targeting segments for a visitor in none of
 * them (an unknown visitor is in none); a form excluding a segment the
 * visitor is in.
 */
export function hiddenFormIds(forms: { id: string; targeting: FormTargeting }[], visitor: FormVisitor): string[] {
  if (isSubscribed(visitor)) return forms.map((f) => f.id)
  const member = new Set(visitor.segment_ids)
  return forms
    .filter((f) => {
      const { segment_ids, exclude_segment_ids } = f.targeting
      if (segment_ids.length && !segment_ids.some((id) => member.has(id))) return true
      return exclude_segment_ids.some((id) => member.has(id))
    })
    .map((f) => f.id)
}
