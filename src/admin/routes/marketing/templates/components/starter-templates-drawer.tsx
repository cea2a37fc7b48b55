import { Badge, Button, Checkbox, Label, Text, toast } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { SectionStates } from "../../../../components/section-states"
import { SideDrawer } from "../../../../components/side-drawer"
import {
  useInstallStarterTemplates,
  useStarterTemplates,
  useTemplates,
} from "../../../../hooks/api/templates"

/** Enough to see every installed starter (the plugin ships fewer). */
const INSTALLED_LOOKUP_LIMIT = 200

/**
 * The starter templates that ship with the plugin, to install in one go.
 * Those already installed are shown checked and cannot be picked again.
 */
export const StarterTemplatesDrawer = ({ onClose }: { onClose: () => void }) => {
  const { starters, isPending, isError, error } = useStarterTemplates()
  const installedList = useTemplates({ limit: INSTALLED_LOOKUP_LIMIT })
  const [selected, setSelected] = useState<Set<string>>(new Set())

  const installed = useMemo(() => {
    const keys = new Set<string>()
    for (const template of installedList.templates ?? []) {
      if (template.starter_key) {
        keys.add(template.starter_key)
      }
    }
    for (const starter of starters ?? []) {
      if (starter.installed) {
        keys.add(starter.key)
      }
    }
    return keys
  }, [installedList.templates, starters])

  const available = (starters ?? []).filter((starter) => !installed.has(starter.key))
  const allSelected =
    available.length > 0 && available.every((starter) => selected.has(starter.key))

  const install = useInstallStarterTemplates({
    onSuccess: ({ templates }) => {
      toast.success(
        templates.length === 1
          ? `"${templates[0].name}" was added`
          : `${templates.length} templates were added`
      )
      setSelected(new Set())
      onClose()
    },
    onError: (err) =>
      toast.error("The templates could not be added", { description: err.message }),
  })

  const toggle = (key: string, checked: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev)
      if (checked) {
        next.add(key)
      } else {
        next.delete(key)
      }
      return next
    })

  const loading = isPending || installedList.isPending

  return (
    <SideDrawer
      title="Add starter templates"
      description="Ready-made emails for common moments. Once added, a template can be edited like any other."
      testId="template-starters"
      onClose={onClose}
      isBusy={install.isPending}
      action={
        <Button
          size="small"
          disabled={!selected.size}
          isLoading={install.isPending}
          onClick={() => install.mutate([...selected])}
          data-testid="template-starters-install"
        >
          {selected.size ? `Add ${selected.size}` : "Add"}
        </Button>
      }
    >
      <SectionStates
        isPending={loading}
        isError={isError}
        error={error}
        what="starter templates"
        isEmpty={!starters?.length}
        empty="There are no starter templates."
        skeleton={[200, 250, 160]}
        density="inline"
      >
        <>
          <div className="flex items-center gap-x-3 px-4">
            <Checkbox
              id="template-starters-all"
              checked={allSelected}
              disabled={!available.length || install.isPending}
              onCheckedChange={(checked) =>
                setSelected(
                  checked === true
                    ? new Set(available.map((starter) => starter.key))
                    : new Set()
                )
              }
              data-testid="template-starters-all"
            />
            <Label htmlFor="template-starters-all" size="small" weight="plus">
              {available.length
                ? "Select all"
                : "Every starter template is installed"}
            </Label>
          </div>
          <ul className="shadow-elevation-card-rest bg-ui-bg-component divide-y rounded-lg">
            {(starters ?? []).map((starter) => {
              const isInstalled = installed.has(starter.key)
              const inputId = `template-starter-${starter.key}`
              return (
                <li
                  key={starter.key}
                  className="flex items-start gap-x-3 px-4 py-3"
                  data-testid="template-starter-item"
                  data-key={starter.key}
                  data-installed={isInstalled || undefined}
                >
                  <Checkbox
                    id={inputId}
                    checked={isInstalled || selected.has(starter.key)}
                    disabled={isInstalled || install.isPending}
                    onCheckedChange={(checked) => toggle(starter.key, checked === true)}
                    data-testid="template-starter-checkbox"
                  />
                  <label htmlFor={inputId} className="flex min-w-0 flex-1 flex-col">
                    <span className="flex items-center gap-x-2">
                      <Text size="small" leading="compact" weight="plus">
                        {starter.name}
                      </Text>
                      {isInstalled ? (
                        <Badge size="2xsmall" color="green">
                          Installed
                        </Badge>
                      ) : null}
                    </span>
                    <Text size="small" leading="compact" className="text-ui-fg-subtle">
                      {starter.description}
                    </Text>
                  </label>
                </li>
              )
            })}
          </ul>
        </>
      </SectionStates>
    </SideDrawer>
  )
}
