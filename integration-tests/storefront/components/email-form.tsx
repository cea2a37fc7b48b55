"use client"
import { useState } from "react"
import { setEmail } from "@lib/data/cart"

export default function EmailForm() {
  const [error, setError] = useState<string | null>(null)
  return (
    <form
      action={async (formData) => {
        setError((await setEmail(null, formData)) ?? null)
      }}
    >
      <input name="email" type="email" required placeholder="Email" />
      <button type="submit">Continue to delivery</button>
      {error ? <p role="alert">{error}</p> : null}
    </form>
  )
}
