import { Button, Container, Heading, StatusBadge, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { downloadContactExport, useContactExports } from "../../../../hooks/api/contact-exports"
import { useAdminUsers } from "../../../../hooks/api/users"
import { describeExport, type ContactExport } from "../../../../lib/exports/types"

const PAGE = 20

const STATUS_COLOR: Record<ContactExport["status"], "grey" | "blue" | "green" | "red" | "orange"> = {
  pending: "grey",
  running: "blue",
  done: "green",
  failed: "red",
  expired: "orange",
}

const when = (iso: string) => new Date(iso).toLocaleString()

export const ContactExportsTable = () => {
  const [offset, setOffset] = useState(0)
  const { contact_exports, count = 0, isPending, error } = useContactExports({ limit: PAGE, offset })
  const users = useAdminUsers().data?.users
  const nameOf = (id: string | null) => {
    if (!id) return "From code"
    const user = users?.find((u) => u.id === id)
    return user ? [user.first_name, user.last_name].filter(Boolean).join(" ") || user.email : id
  }
  const download = (e: ContactExport) =>
    downloadContactExport(e.id, e.filename ?? `${e.id}.csv`).catch((err: Error) => toast.error("Download failed", { description: err.message }))

  return (
    <Container className="divide-y p-0" data-testid="contact-exports-table">
      <div className="px-6 py-4">
        <Heading>Exports</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Contact lists, segments and ad audiences exported to CSV. Files are deleted after their retention; the record stays.
        </Text>
      </div>
      {error ? (
        <Text className="px-6 py-4 text-ui-fg-error">Exports could not be loaded: {error.message}</Text>
      ) : !isPending && !contact_exports?.length ? (
        <Text className="px-6 py-4 text-ui-fg-subtle">No exports yet. Use Export on the contacts list or on a segment.</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>When</Table.HeaderCell>
              <Table.HeaderCell>Who</Table.HeaderCell>
              <Table.HeaderCell>What</Table.HeaderCell>
              <Table.HeaderCell>Rows</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {(contact_exports ?? []).map((e) => (
              <Table.Row key={e.id} data-testid={`contact-export-${e.id}`}>
                <Table.Cell>{when(e.created_at)}</Table.Cell>
                <Table.Cell>{nameOf(e.requested_by)}</Table.Cell>
                <Table.Cell className="max-w-[360px] truncate" title={describeExport(e)}>{describeExport(e)}</Table.Cell>
                <Table.Cell>{e.status === "done" ? `${e.row_count.toLocaleString()}${e.truncated ? " (cut)" : ""}` : "–"}</Table.Cell>
                <Table.Cell>
                  <StatusBadge color={STATUS_COLOR[e.status]} title={e.error ?? undefined}>{e.status}</StatusBadge>
                </Table.Cell>
                <Table.Cell>
                  {e.status === "done" ? (
                    <Button size="small" variant="secondary" onClick={() => download(e)}>Download</Button>
                  ) : null}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <Table.Pagination
        count={count}
        pageSize={PAGE}
        pageIndex={Math.floor(offset / PAGE)}
        pageCount={Math.max(1, Math.ceil(count / PAGE))}
        canPreviousPage={offset > 0}
        canNextPage={offset + PAGE < count}
        previousPage={() => setOffset(Math.max(0, offset - PAGE))}
        nextPage={() => setOffset(offset + PAGE)}
      />
    </Container>
  )
}
