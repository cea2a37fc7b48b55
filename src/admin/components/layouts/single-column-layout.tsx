import type { ReactNode } from "react"

/** The layout of Medusa's list pages: sections stacked in one column. */
export const SingleColumnLayout = ({ children }: { children: ReactNode }) => (
  <div className="flex w-full flex-col gap-y-3">{children}</div>
)
