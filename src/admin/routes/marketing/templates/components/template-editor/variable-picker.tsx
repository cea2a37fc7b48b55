import { Brackets } from "@medusajs/icons"
import { Button, Input, Popover, Text } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { useTemplateVariables } from "../../../../../hooks/api/templates"
import { formatExample, variableSnippet } from "../../../../../lib/templates"

/**
 * The documented render variables; choosing one inserts `{{path}}` at the
 * cursor of the field edited last (`targetLabel` says which).
 */
export const VariablePicker = ({
  targetLabel,
  onInsert,
}: {
  targetLabel: string
  onInsert: (path: string) => void
}) => {
  const [open, setOpen] = useState(false)
  const [filter, setFilter] = useState("")
  const { variables, isPending, isError, error } = useTemplateVariables()

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase()
    return (variables ?? []).filter(
      (variable) =>
        !needle ||
        variable.path.toLowerCase().includes(needle) ||
        variable.description.toLowerCase().includes(needle)
    )
  }, [variables, filter])

  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (!next) {
          setFilter("")
        }
      }}
    >
      <Popover.Trigger asChild>
        <Button
          type="button"
          size="small"
          variant="secondary"
          data-testid="template-variable-picker"
        >
          <Brackets />
          Insert variable
        </Button>
      </Popover.Trigger>
      <Popover.Content
        align="end"
        className="flex min-w-[360px] max-w-[360px] flex-col gap-y-1 p-1"
        // The editor puts the focus back into the field it inserted into.
        onCloseAutoFocus={(event) => event.preventDefault()}
        data-testid="template-variables"
      >
        <div className="flex flex-col gap-y-1 px-2 pt-1">
          <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
            Inserts into {targetLabel}, at the cursor
          </Text>
          <Input
            size="small"
            type="search"
            autoFocus
            value={filter}
            placeholder="Search variables"
            aria-label="Search variables"
            onChange={(event) => setFilter(event.target.value)}
          />
        </div>
        <div className="max-h-[300px] overflow-y-auto">
          {isPending ? (
            <Text size="small" leading="compact" className="text-ui-fg-subtle px-2 py-1.5">
              Loading variables…
            </Text>
          ) : isError ? (
            <Text size="small" leading="compact" className="text-ui-fg-error px-2 py-1.5">
              The variables could not be loaded
              {error?.message ? `: ${error.message}` : "."}
            </Text>
          ) : !shown.length ? (
            <Text size="small" leading="compact" className="text-ui-fg-subtle px-2 py-1.5">
              No matching variable.
            </Text>
          ) : (
            <ul className="flex flex-col">
              {shown.map((variable) => {
                const example = formatExample(variable.example)
                return (
                  <li key={variable.path}>
                    <button
                      type="button"
                      className="hover:bg-ui-bg-base-hover focus-visible:bg-ui-bg-base-hover transition-fg flex w-full min-w-0 flex-col rounded-md px-2 py-1.5 text-left outline-none"
                      onClick={() => {
                        onInsert(variable.path)
                        setOpen(false)
                        setFilter("")
                      }}
                      title={variableSnippet(variable.path)}
                      data-testid="template-variable"
                      data-path={variable.path}
                    >
                      <span className="txt-compact-small-plus font-mono">
                        {variable.path}
                      </span>
                      <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
                        {variable.description}
                      </Text>
                      {example ? (
                        <Text size="xsmall" leading="compact" className="text-ui-fg-muted truncate">
                          e.g. {example}
                        </Text>
                      ) : null}
                    </button>
                  </li>
                )
              })}
            </ul>
          )}
        </div>
      </Popover.Content>
    </Popover>
  )
}
