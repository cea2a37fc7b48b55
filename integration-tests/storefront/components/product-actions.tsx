"use client"
import { usePathname, useRouter, useSearchParams } from "next/navigation"
import { useEffect, useState, useTransition } from "react"
import { addToCart } from "@lib/data/cart"

type Variant = { id: string; title: string }

/** The starter's pattern: the chosen variant is written to the URL as ?v_id= with router.replace. */
export default function ProductActions({ productId, variants }: { productId: string; variants: Variant[] }) {
  const router = useRouter()
  const pathname = usePathname()
  const searchParams = useSearchParams()
  const [selected, setSelected] = useState<string | undefined>(
    searchParams.get("v_id") ?? (variants.length === 1 ? variants[0].id : undefined)
  )
  const [added, setAdded] = useState(0)
  const [pending, startTransition] = useTransition()

  useEffect(() => {
    const params = new URLSearchParams(searchParams.toString())
    if (!selected || params.get("v_id") === selected) return
    params.set("v_id", selected)
    router.replace(pathname + "?" + params.toString())
  }, [selected])

  return (
    <div>
      {variants.map((v) => (
        <button key={v.id} data-testid={`variant-${v.title}`} aria-pressed={selected === v.id} onClick={() => setSelected(v.id)}>
          {v.title}
        </button>
      ))}
      <button
        data-testid="add-to-cart"
        disabled={!selected || pending}
        onClick={() =>
          startTransition(async () => {
            await addToCart({ productId, variantId: selected!, quantity: 1 })
            setAdded((n) => n + 1)
          })
        }
      >
        Add to cart
      </button>
      {added ? <p data-testid="added">Added ({added})</p> : null}
    </div>
  )
}
