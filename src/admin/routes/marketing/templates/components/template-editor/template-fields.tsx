import { Label, Tabs, Text, Textarea } from "@medusajs/ui"
import { forwardRef, useId, type ReactNode } from "react"
import { FormField } from "../../../../../components/form-field"
import { SelectInput } from "../../../../../components/select-input"
import {
  BODY_FORMATS,
  EMPTY_MJML_BODY,
  EMPTY_TEMPLATE_BODY,
  TEMPLATE_LAYOUTS,
} from "../../../../../lib/templates"
import type { TemplateBodyFormat, TemplateLayout } from "../../../../../lib/types"

type TrackProps = {
  onFocus: React.FocusEventHandler<HTMLTextAreaElement>
  onSelect: React.ReactEventHandler<HTMLTextAreaElement>
  onKeyUp: React.KeyboardEventHandler<HTMLTextAreaElement>
  onClick: React.MouseEventHandler<HTMLTextAreaElement>
}

/** Marketing, internal or no layout around the body. */
export const LayoutField = ({
  value,
  error,
  onChange,
}: {
  value: TemplateLayout
  error?: string
  onChange: (layout: TemplateLayout) => void
}) => {
  const id = useId()
  const current = TEMPLATE_LAYOUTS.find((layout) => layout.value === value)
  return (
    <FormField id={id} label="Layout" hint={current?.description} error={error}>
      <SelectInput
        id={id}
        value={value}
        options={TEMPLATE_LAYOUTS}
        invalid={!!error}
        testId="template-layout"
        onChange={(next) => onChange(next as TemplateLayout)}
      />
    </FormField>
  )
}

const isPlaceholderBody = (body: string) =>
  !body.trim() || body === EMPTY_TEMPLATE_BODY || body === EMPTY_MJML_BODY

/** The body in HTML or MJML, monospace; `children` shows its errors. */
export const BodyField = forwardRef<
  HTMLTextAreaElement,
  {
    format: TemplateBodyFormat
    value: string
    required?: string
    onFormatChange: (format: TemplateBodyFormat, body: string) => void
    onChange: (value: string) => void
    trackProps: TrackProps
    children?: ReactNode
  }
>(({ format, value, required, onFormatChange, onChange, trackProps, children }, ref) => {
  const id = useId()
  return (
    <div className="flex flex-col gap-y-2">
      <div className="flex items-center justify-between gap-x-4">
        <Label htmlFor={id} size="small" weight="plus">
          Body
        </Label>
        <Tabs
          value={format}
          onValueChange={(next) => {
            if (!next || next === format) {
              return
            }
            const nextFormat = next as TemplateBodyFormat
            // The untouched example follows the format; a real body is kept.
            const body = isPlaceholderBody(value)
              ? nextFormat === "mjml"
                ? EMPTY_MJML_BODY
                : EMPTY_TEMPLATE_BODY
              : value
            onFormatChange(nextFormat, body)
          }}
        >
          <Tabs.List aria-label="Body format" data-testid="template-body-format">
            {BODY_FORMATS.map((item) => (
              <Tabs.Trigger
                key={item.value}
                value={item.value}
                data-testid={`template-body-format-${item.value}`}
              >
                {item.label}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
        </Tabs>
      </div>
      <Textarea
        ref={ref}
        id={id}
        value={value}
        rows={18}
        spellCheck={false}
        className="font-mono"
        aria-invalid={!!required}
        onChange={(event) => onChange(event.target.value)}
        {...trackProps}
        data-testid="template-body"
      />
      {required ? (
        <Text size="small" leading="compact" className="text-ui-fg-error">
          {required}
        </Text>
      ) : null}
      {children}
      <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
        {format === "mjml"
          ? "MJML sections (<mj-section>…); compiled to responsive HTML. Put Handlebars inside mj-text, mj-button, mj-raw or attributes."
          : "An HTML fragment is wrapped in the layout; a whole document (<html>…) is sent as it is."}
      </Text>
    </div>
  )
})
BodyField.displayName = "BodyField"

/** The plain-text alternative; derived from the HTML when empty. */
export const PlainTextField = forwardRef<
  HTMLTextAreaElement,
  {
    value: string
    onChange: (value: string) => void
    trackProps: TrackProps
    children?: ReactNode
  }
>(({ value, onChange, trackProps, children }, ref) => {
  const id = useId()
  return (
    <FormField
      id={id}
      label="Plain text"
      optional
      hint="Leave empty to derive it from the HTML."
    >
      <Textarea
        ref={ref}
        id={id}
        value={value}
        rows={6}
        spellCheck={false}
        className="font-mono"
        onChange={(event) => onChange(event.target.value)}
        {...trackProps}
        data-testid="template-text"
      />
      {children}
    </FormField>
  )
})
PlainTextField.displayName = "PlainTextField"
