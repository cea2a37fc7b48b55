import { Button, Container, Heading, Text } from "@medusajs/ui"
import { useEffect, useMemo, useRef, useState } from "react"
// The storefront tracker itself: the preview renders with the same code shoppers run.
import trackerSource from "../../../../../../tracker/marketing-tracker.js?raw"
import type { FormBody } from "../../../../lib/forms"

export type PreviewDevice = "desktop" | "mobile"

const SIZES: Record<PreviewDevice, { width: number; height: number }> = {
  desktop: { width: 1280, height: 800 },
  mobile: { width: 375, height: 720 },
}

/**
 * A storefront-like page in a sandboxed frame at a desktop or phone width,
 * running the tracker's renderer on the unsaved form (`preview`: nothing is
 * sent, submitting shows the success message).
 */
const frameHtml = () => `<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{margin:0;font-family:system-ui,sans-serif;background:#fafafa;color:#333}
header{height:56px;background:#fff;border-bottom:1px solid #e5e5e5;display:flex;align-items:center;padding:0 24px;font-weight:700}
main{padding:24px;max-width:960px;margin:0 auto}
.bar{height:14px;background:#e8e8e8;border-radius:7px;margin:14px 0}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:16px;margin-top:24px}
.card{height:180px;background:#ececec;border-radius:8px}
[data-marketing-form]{display:block;height:400px;margin:24px 0}
</style></head><body>
<header>Your store</header>
<main><div class="bar" style="width:60%"></div><div class="bar" style="width:85%"></div>
<div data-slot></div><div class="grid"><div class="card"></div><div class="card"></div><div class="card"></div><div class="card"></div></div></main>
<script>${trackerSource.replace(/<\/script/gi, "<\\/script")}</script>
<script>
var current = null
window.addEventListener("message", function (e) {
  var d = e.data || {}
  if (d.type !== "mma-form-preview") return
  if (current) { current.close && current.close("preview"); if (current.host && current.host.parentNode) current.host.parentNode.removeChild(current.host) }
  var slot = document.querySelector("[data-slot]")
  slot.innerHTML = ""
  var host
  host = document.createElement("div")
  if (d.form.kind === "embedded") { var place = document.createElement("div"); place.setAttribute("data-marketing-form", d.form.id); slot.appendChild(place); place.appendChild(host) }
  else document.body.appendChild(host)
  current = MarketingTracker.renderForm(host, d.form, { variant: d.variant, preview: true, noFocus: true })
})
parent.postMessage({ type: "mma-form-preview-ready" }, "*")
</script></body></html>`

/** The public shape the store route hands the tracker, from the editor's draft. */
const toPublic = (draft: FormBody) => ({
  id: "preview",
  kind: draft.kind,
  position: draft.position,
  fields: draft.fields,
  consent: {
    required: draft.consent.required,
    text: draft.consent.text,
    topics: draft.consent.topics.map((id) => ({ id, label: id })),
  },
  hidden_fields: draft.hidden_fields,
  variants: draft.variants,
  incentive: draft.incentive ? { delivery: draft.incentive.delivery } : null,
  targeting: {},
  triggers: {},
  frequency: draft.frequency,
})

export const FormPreview = ({ draft }: { draft: FormBody }) => {
  const [device, setDevice] = useState<PreviewDevice>("desktop")
  const [variant, setVariant] = useState<string>("a")
  const [ready, setReady] = useState(false)
  const [width, setWidth] = useState(600)
  const frame = useRef<HTMLIFrameElement>(null)
  const box = useRef<HTMLDivElement>(null)
  const html = useMemo(frameHtml, [])
  const form = useMemo(() => toPublic(draft), [draft])
  const variantId = draft.variants.some((v) => v.id === variant) ? variant : "a"

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.source === frame.current?.contentWindow && e.data?.type === "mma-form-preview-ready") setReady(true)
    }
    window.addEventListener("message", onMessage)
    return () => window.removeEventListener("message", onMessage)
  }, [])

  useEffect(() => {
    if (ready) frame.current?.contentWindow?.postMessage({ type: "mma-form-preview", form, variant: variantId }, "*")
  }, [ready, form, variantId, device])

  useEffect(() => {
    const el = box.current
    if (!el || typeof ResizeObserver === "undefined") return
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width))
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  const size = SIZES[device]
  const scale = Math.min(1, width / size.width)

  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid="form-preview">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex flex-col">
          <Heading level="h2">Preview</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            As shoppers see it, with the storefront tracker's own renderer.
          </Text>
        </div>
        <div className="flex gap-x-2">
          {draft.variants.length > 1
            ? draft.variants.map((v) => (
                <Button key={v.id} size="small" type="button" variant={variantId === v.id ? "primary" : "secondary"}
                  onClick={() => setVariant(v.id)} data-testid={`form-preview-variant-${v.id}`}>
                  {v.id.toUpperCase()}
                </Button>
              ))
            : null}
          {(["desktop", "mobile"] as const).map((d) => (
            <Button key={d} size="small" type="button" variant={device === d ? "primary" : "secondary"}
              onClick={() => { setDevice(d); setReady(false) }} data-testid={`form-preview-${d}`}>
              {d === "desktop" ? "Desktop" : "Mobile"}
            </Button>
          ))}
        </div>
      </div>
      <div ref={box} className="w-full">
        <div className="mx-auto overflow-hidden rounded-lg border" style={{ width: size.width * scale, height: size.height * scale }}>
          <iframe
            key={device}
            ref={frame}
            title={`Form preview, ${device}`}
            sandbox="allow-scripts"
            srcDoc={html}
            data-testid="form-preview-frame"
            style={{ width: size.width, height: size.height, border: 0, transform: `scale(${scale})`, transformOrigin: "0 0" }}
          />
        </div>
      </div>
    </Container>
  )
}
