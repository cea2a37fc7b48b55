import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { createHash } from "crypto"
import { existsSync, readFileSync } from "fs"
import path from "path"

let cached: { body: string; etag: string } | undefined

/** The tracker ships beside the built plugin, in the package's `tracker/` folder. */
function loadTracker(): { body: string; etag: string } {
  if (cached) return cached
  let dir = __dirname
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, "tracker", "marketing-tracker.js")
    if (existsSync(candidate)) {
      const body = readFileSync(candidate, "utf8")
      cached = { body, etag: `"${createHash("sha1").update(body).digest("hex").slice(0, 20)}"` }
      return cached
    }
    dir = path.dirname(dir)
  }
  throw new MedusaError(MedusaError.Types.NOT_FOUND, "The tracker script is not installed")
}

/**
 * Serves the storefront tracker, so a storefront can add it with one script
 * tag pointing at the Medusa backend and get updates with the plugin.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const { body, etag } = loadTracker()
  res.setHeader("Content-Type", "application/javascript; charset=utf-8")
  res.setHeader("Cache-Control", "public, max-age=3600")
  res.setHeader("ETag", etag)
  if (req.get("if-none-match") === etag) {
    res.status(304).end()
    return
  }
  res.status(200).send(body)
}
