import { notFound } from "next/navigation"
import { Suspense } from "react"
import { medusa } from "@lib/config"
import ProductActions from "@components/product-actions"
import TrackProductView from "@components/track-product-view"

type Props = { params: Promise<{ handle: string }>; searchParams: Promise<{ v_id?: string }> }

export default async function ProductPage(props: Props) {
  const { handle } = await props.params
  const { v_id } = await props.searchParams
  const { products } = await medusa(
    `/store/products?handle=${encodeURIComponent(handle)}&fields=id,handle,title,*variants`
  )
  const product = products[0]
  if (!product) notFound()
  const selected = product.variants.find((v: any) => v.id === v_id)
  return (
    <div data-testid="product-container">
      <h1>{product.title}</h1>
      <p data-testid="selected-variant">{selected ? selected.title : "Choose a size"}</p>
      <TrackProductView product={{ id: product.id, handle: product.handle, title: product.title }} />
      <Suspense>
        <ProductActions
          productId={product.id}
          variants={product.variants.map((v: any) => ({ id: v.id, title: v.title }))}
        />
      </Suspense>
    </div>
  )
}
