import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ApiKeyType, ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { recordStorefrontEvents } from "../../../../workflows/tracking"
import { assertStorableText } from "../../../utils/request-guard"
import { parseOrThrow } from "../../../utils/validate"
import { StoreTrackEvents } from "../../../store/marketing/events/validators"
import { BEACON_BODY_TIMEOUT_MS, BeaconQuery, MAX_BEACON_BYTES } from "./validators"

/**
 * `navigator.sendBeacon` cannot send headers, so the tracker's last flush on
 * page hide comes here, as text/plain, with the publishable key in the query.
 * It runs the same validation and workflow as POST /store/marketing/events,
 * and takes a JSON or an already-parsed body as well.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const { publishable_key } = parseOrThrow(BeaconQuery, req.query, "query")
  await assertPublishableKey(req, publishable_key)
  const json = await beaconBody(req, res)
  assertStorableText(json)
  const body = parseOrThrow(StoreTrackEvents, json)
  const outcome = await recordStorefrontEvents(req.scope, {
    events: body.events,
    customer_id: null,
    user_agent: req.get("user-agent") ?? null,
    ip: req.ip ?? null,
    received_at: new Date().toISOString(),
  })
  res.status(200).json(outcome)
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

/**
 * The batch, whatever the content type: Medusa's body parser has already read
 * JSON and form bodies (the stream is then spent: waiting on it would hang),
 * and leaves text/plain, what sendBeacon sends with a string, to be read here.
 */
async function beaconBody(req: MedusaRequest, res: MedusaResponse): Promise<unknown> {
  const parsedByMedusa = (req as MedusaRequest & { _body?: boolean })._body === true || req.readableEnded
  if (parsedByMedusa && typeof req.body !== "string") return req.body
  const raw = typeof req.body === "string" ? req.body : await readBody(req, res, MAX_BEACON_BYTES)
  try {
    return JSON.parse(raw)
  } catch {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Invalid request: body: not valid JSON")
  }
}

function readBody(req: MedusaRequest, res: MedusaResponse, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    // Stop reading and answer; the connection closes after the answer instead of waiting for the rest.
    const fail = (error: unknown) => {
      clearTimeout(timer)
      req.removeAllListeners("data")
      req.pause()
      res.set("Connection", "close")
      reject(error)
    }
    // A client that stops sending mid-body must not hold the connection open.
    const timer = setTimeout(
      () => fail(httpError(408, `Invalid request: body: not received within ${BEACON_BODY_TIMEOUT_MS / 1000} s`)),
      BEACON_BODY_TIMEOUT_MS
    )
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) return fail(httpError(413, `Invalid request: body: larger than ${limit} bytes`))
      chunks.push(chunk)
    })
    req.on("end", () => {
      clearTimeout(timer)
      resolve(Buffer.concat(chunks).toString("utf8"))
    })
    req.on("error", fail)
  })
}

/** An error Medusa's handler answers with this status and message, as it does body-parser's (http-errors' shape). */
function httpError(status: number, message: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, expose: true })
}
