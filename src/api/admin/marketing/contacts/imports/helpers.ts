import type { Readable } from "node:stream"
import busboy from "busboy"
import { parse } from "csv-parse"
import type { MedusaRequest } from "@medusajs/framework/http"
import { IMPORT_LIMITS } from "../../../../../modules/marketing/imports/fields"
import { detectDelimiter, positionOf } from "../../../../../modules/marketing/imports/file"
import { InvalidInputError } from "../../../../utils/validate"

/** A file too large for its route: answered 413 naming `file`. */
export class FileTooLargeError extends Error {
  readonly status = 413
}

/** Thrown for a file that cannot be read: a 400 naming `file`, the line (and column) in the message. */
export const badFile = (message: string) => new InvalidInputError(`Invalid request: file: ${message}`, "file")

/**
 * Decodes a byte stream as UTF-8, refusing anything else with the line of
 * the first byte that is not UTF-8 (a Latin-1 or Windows-1252 export, or a
 * UTF-16 "Unicode text" file). Yields text chunks; a UTF-8 BOM is dropped.
 */
export async function* utf8Chunks(stream: Readable): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false })
  let lines = 1
  let first = true
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (first && chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
      throw badFile("line 1: the file is UTF-16 text; save it as CSV UTF-8")
    }
    first = false
    let text: string
    try {
      text = decoder.decode(chunk, { stream: true })
    } catch {
      const loose = new TextDecoder("utf-8").decode(chunk)
      const at = positionOf(loose, Math.max(0, loose.indexOf("\uFFFD")))
      const line = lines + at.line - 1
      throw badFile(`line ${line}: the file is not UTF-8 text (a Latin-1 or Windows-1252 export?); save it as CSV UTF-8`)
    }
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++
    if (text) yield text
  }
  const rest = decoder.decode()
  if (rest) yield rest
}

/**
 * Parses CSV text chunks into records with their line, choosing the
 * delimiter from the header line. csv-parse reads; this only wires it.
 */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<{ cells: string[]; line: number }> {
  const iterator = chunks[Symbol.asyncIterator]()
  let head = ""
  let done = false
  while (!head.includes("\n") && !done) {
    const next = await iterator.next()
    if (next.done) done = true
    else head += next.value
  }
  const delimiter = detectDelimiter(head.split("\n")[0] ?? "")
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: IMPORT_LIMITS.cell * IMPORT_LIMITS.columns,
  })
  let stopped = false
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        parser.off("drain", done)
        parser.off("close", done)
        resolve()
      }
      parser.once("drain", done)
      parser.once("close", done)
    })
  const feed = (async () => {
    try {
      if (head && !parser.write(head)) await drained()
      while (!done && !stopped) {
        const next = await iterator.next()
        if (next.done || stopped) break
        if (!parser.write(next.value)) await drained()
      }
      if (!stopped) parser.end()
    } catch (e) {
      parser.destroy(e as Error)
    }
  })()
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { cells: record, line: info.lines }
    }
  } catch (e: any) {
    if (e instanceof InvalidInputError) throw e
    const line = e?.lines ?? e?.info?.lines
    throw badFile(`${line ? `line ${line}: ` : ""}${String(e?.message ?? e).replace(/^Invalid Record Length: /, "")}`)
  } finally {
    // The reader stopped early (or failed): stop feeding, and let the source be drained by its owner.
    stopped = true
    if (!parser.destroyed) parser.destroy()
  }
  await feed
}

export type MultipartHandlers = {
  /** Called for each text field, in order. */
  field(name: string, value: string): void
  /** Called for the `file` part; its promise is awaited before the answer. */
  file(stream: Readable, fileName: string): Promise<void>
}

/**
 * Streams a multipart/form-data request through busboy: fields first, then
 * the one `file` part, never held whole in memory. A part over its size limit
 * makes the file handler fail with FileTooLargeError. Any error drains the
 * rest of the request before it is answered, so the client reads the answer.
 */
export async function readMultipart(req: MedusaRequest, maxBytes: number, handlers: MultipartHandlers): Promise<void> {
  const type = String(req.headers["content-type"] ?? "")
  if (!type.startsWith("multipart/form-data")) {
    throw new InvalidInputError("Invalid request: file: send the file as multipart/form-data (a `file` part)", "file")
  }
  let bb: busboy.Busboy
  try {
    bb = busboy({ headers: req.headers, limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 256 * 1024 } })
  } catch (e) {
    throw new InvalidInputError(`Invalid request: file: ${(e as Error).message}`, "file")
  }
  let work: Promise<void> | null = null
  let fail: (e: unknown) => void = () => undefined
  // Settles on the first failure of a field or of the file handler: busboy may never close once a part's
  // stream was destroyed by the reader that gave up on it.
  const failed = new Promise<never>((_, reject) => {
    fail = reject
  })
  failed.catch(() => undefined)
  const closed = new Promise<void>((resolve, reject) => {
    bb.on("field", (name, value) => {
      try {
        handlers.field(name, value)
      } catch (e) {
        fail(e)
      }
    })
    bb.on("file", (name, stream, info) => {
      if (name !== "file" || work) {
        stream.resume()
        return
      }
      let tooLarge = false
      stream.on("limit", () => {
        tooLarge = true
      })
      const tooLargeError = () => new FileTooLargeError(`Invalid request: file: larger than ${maxBytes} bytes`)
      work = handlers.file(stream, info.filename || "contacts.csv").then(
        () => {
          if (tooLarge) throw tooLargeError()
        },
        (e) => {
          stream.resume()
          throw tooLarge ? tooLargeError() : e
        }
      )
      work.catch(fail)
    })
    bb.on("close", resolve)
    bb.on("error", (e) => reject(new InvalidInputError(`Invalid request: file: ${(e as Error).message}`, "file")))
  })
  req.pipe(bb)
  try {
    await Promise.race([closed, failed])
    if (!work) throw new InvalidInputError("Invalid request: file: no `file` part in the form", "file")
    await Promise.race([work, failed])
  } catch (e) {
    // Read the rest of the request and drop it, so the client gets the answer rather than a reset connection.
    req.unpipe(bb)
    if (!req.readableEnded) {
      await new Promise<void>((resolve) => {
        req.on("end", resolve)
        req.on("error", () => resolve())
        req.on("close", () => resolve())
        req.resume()
      })
    }
    throw e
  }
}
