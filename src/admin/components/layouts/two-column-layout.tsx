import type { ReactNode } from "react"

type TwoColumnLayoutProps = {
  main: ReactNode
  side: ReactNode
}

/**
 * The layout of Medusa's detail pages: a wide main column and a narrower side
 * column that moves below the main one on small screens.
 */
export const TwoColumnLayout = ({ main, side }: TwoColumnLayoutProps) => (
  <div className="flex w-full flex-col gap-x-4 gap-y-3 xl:flex-row xl:items-start">
    <div className="flex w-full min-w-0 flex-col gap-y-3">{main}</div>
    <div className="flex w-full flex-col gap-y-3 xl:max-w-[440px]">
      {side}
    </div>
  </div>
)
