"use client"
import { useState } from "react"

/** The command queue works whether or not the tracker script has loaded yet. */
export function marketing(...command: unknown[]) {
  const w = window as any
  ;(w.MarketingTracker = w.MarketingTracker || []).push(command)
}

export default function ConsentBanner() {
  const [answered, setAnswered] = useState(false)
  if (answered) return null
  const choose = (state: "granted" | "denied") => {
    marketing("setConsent", state) // writes the _mma_consent cookie; held events go out (granted) or are dropped
    setAnswered(true)
  }
  return (
    <div role="dialog" aria-label="Cookie consent">
      <p>We use cookies to understand what you look at.</p>
      <button onClick={() => choose("granted")}>Accept</button>
      <button onClick={() => choose("denied")}>Refuse</button>
    </div>
  )
}
