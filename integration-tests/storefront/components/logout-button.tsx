"use client"
import { signout } from "@lib/data/customer"
import { marketing } from "./consent-banner"

export default function LogoutButton() {
  return (
    <button
      onClick={async () => {
        // Before the server action: it redirects, so code after it would not run.
        marketing("reset")
        await signout()
      }}
    >
      Sign out
    </button>
  )
}
