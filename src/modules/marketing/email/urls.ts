import { suppressionHash } from "./headers"
import { signToken } from "./tokens"

/** Routes the plugin serves for links in emails (outside /store, so no publishable key is needed). */
export const EMAIL_ROUTES = {
  open: "/marketing/t/o/",
  click: "/marketing/t/c/",
  unsubscribe: "/marketing/unsubscribe/",
  preferences: "/marketing/preferences/",
  confirm: "/marketing/confirm/",
} as const

export type MessageUrls = {
  unsubscribe_url: string
  preferences_url: string
  open_url: string
  click_url: (target: string) => string
}

/** The signed links of one message. */
export function messageUrls(
  settings: { publicUrl: string; secret: string },
  message: { id: string; contact_id?: string | null }
): MessageUrls {
  const base = settings.publicUrl.replace(/\/+$/, "")
  const ref = message.contact_id ? { m: message.id, c: message.contact_id } : { m: message.id }
  return {
    unsubscribe_url: base + EMAIL_ROUTES.unsubscribe + signToken("unsubscribe", ref, settings.secret),
    preferences_url: base + EMAIL_ROUTES.preferences + signToken("preferences", ref, settings.secret),
    open_url: base + EMAIL_ROUTES.open + signToken("open", { m: message.id }, settings.secret),
    click_url: (target) => base + EMAIL_ROUTES.click + signToken("click", { m: message.id, u: target }, settings.secret),
  }
}

/** A double opt-in link for a contact, valid for `hours`. */
export function confirmationUrl(
  settings: { publicUrl: string; secret: string },
  contactId: string,
  email: string,
  hours: number,
  now: Date
): string {
  const e = Math.floor(now.getTime() / 1000) + hours * 3600
  const a = addressTag(email, settings.secret)
  return settings.publicUrl.replace(/\/+$/, "") + EMAIL_ROUTES.confirm + signToken("confirm", { c: contactId, a, e }, settings.secret)
}

/**
 * Binds a confirmation link to the address it was sent to: if the contact's
 * address changes before the click, the link no longer confirms anything.
 */
export function addressTag(email: string, secret: string): string {
  return suppressionHash(email, secret).slice(0, 16)
}
