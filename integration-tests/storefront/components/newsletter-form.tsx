"use client"
import { useState } from "react"
import { marketing } from "./consent-banner"

/** identify from the browser: sent even when analytics consent is refused (it is what the shopper typed). */
export default function NewsletterForm() {
  const [done, setDone] = useState(false)
  if (done) return <p data-testid="newsletter-done">Subscribed</p>
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        const email = String(new FormData(e.currentTarget).get("email") || "")
        marketing("identify", { email, email_marketing_consent: true, consent_source: "newsletter" })
        setDone(true)
      }}
    >
      <input name="email" type="email" required placeholder="Newsletter email" />
      <button type="submit">Subscribe</button>
    </form>
  )
}
