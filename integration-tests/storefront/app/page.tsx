import Link from "next/link"
import { medusa } from "@lib/config"

export default async function Home() {
  const { products } = await medusa("/store/products?fields=id,handle,title")
  return (
    <div>
      <h1>Test storefront</h1>
      <ul>
        {products.map((p: any) => (
          <li key={p.id}>
            <Link href={`/products/${p.handle}`}>{p.title}</Link>
          </li>
        ))}
      </ul>
    </div>
  )
}
