import { pipeline } from "node:stream/promises"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { marketingOf } from "../../../../../../workflows/utils/marketing"

/**
 * The export's CSV, streamed from the File Module (so any instance serves it,
 * with a shared provider such as S3). 409 until it is done, and once expired.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const [exp] = await marketingOf(req.scope).listContactExports({ id: req.params.id }, { take: 1 })
  if (!exp) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Contact export with id "${req.params.id}" was not found`)
  if (exp.status !== "done" || !exp.file_key) {
    // Answered here: Medusa's error handler replaces a conflict's message with its own.
    res.status(409).json({ type: "conflict", message: `Contact export "${exp.id}" has no file to download: it is ${exp.status}` })
    return
  }
  const stream = await req.scope.resolve(Modules.FILE).getDownloadStream(exp.file_key)
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="${exp.filename ?? `${exp.id}.csv`}"`)
  res.setHeader("Cache-Control", "no-store")
  await pipeline(stream, res)
}
