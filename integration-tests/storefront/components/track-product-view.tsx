"use client"
import { useEffect } from "react"
import { marketing } from "./consent-banner"

/** Runs twice in strict mode (dev); the tracker's dedupe window keeps one. */
export default function TrackProductView({ product }: { product: { id: string; handle: string; title: string } }) {
  useEffect(() => {
    marketing("productViewed", { product_id: product.id, handle: product.handle, title: product.title })
  }, [product.id])
  return null
}
