import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Transform, type Readable } from "node:stream"
import { IMPORT_LIMITS } from "../../../../../../modules/marketing/imports/fields"
import { checkHeader, suggestMapping } from "../../../../../../modules/marketing/imports/mapping"
import { detectDelimiter } from "../../../../../../modules/marketing/imports/file"
import { InvalidInputError } from "../../../../../utils/validate"
import { badFile, csvRecords, readMultipart, utf8Chunks } from "../helpers"

/** The first `previewBytes` of a stream; the rest is read and dropped (the admin sends only the start of the file). */
function head(stream: Readable, bytes: number): Readable {
  let seen = 0
  const cut = new Transform({
    transform(chunk: Buffer, _enc, done) {
      const left = bytes - seen
      seen += chunk.length
      if (left <= 0) return done()
      done(null, chunk.length > left ? chunk.subarray(0, left) : chunk)
    },
  })
  return stream.pipe(cut)
}

/**
 * The header and first rows of a CSV, and a first guess at the mapping, so
 * the owner can map the columns before uploading the whole file. Reads only
 * the first part of the file; stores nothing.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  let answer: Record<string, unknown> | null = null
  await readMultipart(req, Number.MAX_SAFE_INTEGER, {
    field() {},
    async file(stream, fileName) {
      const limited = head(stream, IMPORT_LIMITS.previewBytes)
      let header: string[] | null = null
      const rows: string[][] = []
      let firstLine = ""
      const chunks = (async function* () {
        for await (const text of utf8Chunks(limited)) {
          if (!firstLine) firstLine = text.split("\n")[0]
          yield text
        }
      })()
      // A cut at the byte limit can leave a half line or an open quote: the rows before it are what counts.
      try {
        for await (const { cells } of csvRecords(chunks)) {
          if (!header) header = cells.map((c) => c.trim())
          else if (rows.length < IMPORT_LIMITS.previewRows) rows.push(cells)
          else break
        }
      } catch (e) {
        if (!header || !(e instanceof InvalidInputError) || /UTF/.test(e.message)) throw e
      }
      stream.unpipe()
      stream.resume()
      if (!header) throw badFile("the file is empty (the first line must name the columns)")
      const problem = checkHeader(header)
      if (problem) throw new InvalidInputError(`Invalid request: ${problem.field}: ${problem.message}`, problem.field)
      answer = {
        file_name: fileName,
        delimiter: detectDelimiter(firstLine),
        columns: header,
        rows,
        suggested_mapping: { columns: suggestMapping(header) },
      }
    },
  })
  res.json(answer)
}
