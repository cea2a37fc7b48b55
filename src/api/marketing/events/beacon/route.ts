import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ApiKeyType, ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { trackStorefrontEventsWorkflow } from "../../../../workflows/tracking"
import { parseOrThrow } from "../../../utils/validate"
import { StoreTrackEvents } from "../../../store/marketing/events/validators"
import { BeaconQuery, MAX_BEACON_BYTES } from "./validators"

/**
 * `navigator.sendBeacon` cannot send headers, so the tracker's last flush on
 * page hide comes here, as text/plain, with the publishable key in the query.
 * It runs the same validation and workflow as POST /store/marketing/events.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const { publishable_key } = parseOrThrow(BeaconQuery, req.query)
  await assertPublishableKey(req, publishable_key)
  const raw = await readBody(req, MAX_BEACON_BYTES)
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Invalid request: body: not valid JSON")
  }
  const body = parseOrThrow(StoreTrackEvents, json)
  const { result } = await trackStorefrontEventsWorkflow(req.scope).run({
    input: {
      events: body.events,
      customer_id: null,
      user_agent: req.get("user-agent") ?? null,
      ip: req.ip ?? null,
      received_at: new Date().toISOString(),
    },
  })
  res.status(200).json({ recorded: result.recorded, duplicates: result.duplicates, dropped: result.dropped })
}

async function assertPublishableKey(req: MedusaRequest, token: string): Promise<void> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "api_key",
    fields: ["id", "revoked_at"],
    filters: { token, type: ApiKeyType.PUBLISHABLE },
  })
  const key = data[0] as { revoked_at?: string | Date | null } | undefined
  if (!key || (key.revoked_at && new Date(key.revoked_at) <= new Date())) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "A valid publishable key is required in publishable_key")
  }
}

function readBody(req: MedusaRequest, limit: number): Promise<string> {
  if (typeof req.body === "string") return Promise.resolve(req.body)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: body: larger than ${limit} bytes`))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })
}
