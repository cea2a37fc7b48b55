import { UAParser } from "ua-parser-js"
import { Lru } from "../lru"

export type Technographics = {
  device_type: "desktop" | "mobile" | "tablet" | "other"
  os?: string
  browser?: string
}

// A visitor sends the same user agent with every event, and ua-parser's regular expressions are a measurable
// share of the tracking route's CPU: answers are kept for the last distinct strings (null: nothing to say).
const known = new Lru<Technographics | null>(2000)

/** Reads device type, OS and browser from a user agent string. */
export function parseUserAgent(userAgent: string | undefined | null): Technographics | undefined {
  if (!userAgent) {
    return undefined
  }
  const key = userAgent.slice(0, 512)
  let answer = known.get(key)
  if (answer === undefined) {
    answer = parse(key) ?? null
    known.set(key, answer)
  }
  return answer ? { ...answer } : undefined
}

function parse(userAgent: string): Technographics | undefined {
  const ua = new UAParser(userAgent).getResult()
  // Server-side callers (a storefront's Node server, curl, bots) say nothing
  // about the shopper's device: leave what the browser told us before.
  if (!ua.browser.name && !ua.os.name) {
    return undefined
  }
  const kind = ua.device.type
  let device_type: Technographics["device_type"]
  if (kind === "mobile") {
    device_type = "mobile"
  } else if (kind === "tablet") {
    device_type = "tablet"
  } else if (!kind && ua.os.name) {
    // ua-parser leaves device.type empty for desktops
    device_type = "desktop"
  } else {
    device_type = "other"
  }
  return {
    device_type,
    os: ua.os.name || undefined,
    browser: ua.browser.name || undefined,
  }
}
