"use client"
import { useState } from "react"
import { login } from "@lib/data/customer"

export default function LoginForm() {
  const [error, setError] = useState<string | null>(null)
  return (
    <form
      action={async (formData) => {
        setError((await login(null, formData)) ?? null)
      }}
    >
      <h1>Sign in</h1>
      <input name="email" type="email" required placeholder="Email" />
      <input name="password" type="password" required placeholder="Password" />
      <button type="submit">Sign in</button>
      {error ? <p role="alert">{error}</p> : null}
    </form>
  )
}
