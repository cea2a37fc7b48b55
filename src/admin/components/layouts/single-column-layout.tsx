import type { ComponentType, ReactNode } from "react"

/** The layout of Medusa's list pages: sections stacked in one column. */
export const SingleColumnLayout = ({ children }: { children: ReactNode }) => (
  <div className="flex w-full flex-col gap-y-3">{children}</div>
)

/** A list page: its one table (with the table's own heading and actions). */
export const listPage = (Table: ComponentType) => {
  const ListPage = () => (
    <SingleColumnLayout>
      <Table />
    </SingleColumnLayout>
  )
  return ListPage
}
