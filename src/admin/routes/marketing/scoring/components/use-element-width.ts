import { useLayoutEffect, useRef, useState } from "react"

/**
 * The width of an element, kept up to date as it resizes, so SVG charts can
 * be drawn at their real size (and their text stays at a readable size).
 */
export const useElementWidth = <T extends HTMLElement>(fallback = 0) => {
  const ref = useRef<T>(null)
  const [width, setWidth] = useState(fallback)

  useLayoutEffect(() => {
    const element = ref.current
    if (!element) {
      return
    }
    setWidth(element.getBoundingClientRect().width)
    if (typeof ResizeObserver === "undefined") {
      return
    }
    const observer = new ResizeObserver((entries) => {
      const next = entries[0]?.contentRect.width
      if (next !== undefined) {
        setWidth(next)
      }
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  return { ref, width }
}

/** A round axis maximum at or above `value`: 1, 2, 5, 10, 20, 50… */
export const niceMax = (value: number) => {
  if (value <= 0) {
    return 1
  }
  const magnitude = 10 ** Math.floor(Math.log10(value))
  for (const step of [1, 2, 5, 10]) {
    if (value <= step * magnitude) {
      return step * magnitude
    }
  }
  return 10 * magnitude
}

/** Axis ticks from 0 to `max`: whole numbers only. */
export const axisTicks = (max: number, count = 4) => {
  const step = max / count
  const ticks: number[] = []
  for (let i = 0; i <= count; i++) {
    ticks.push(Math.round(step * i * 100) / 100)
  }
  return Array.from(new Set(ticks.filter((tick) => Number.isInteger(tick))))
}

// One number format for the whole admin
export { contactsLabel, formatCount } from "../../../../lib/format"

/** Shared look of chart text, from the admin's theme. */
export const CHART_TEXT_STYLE = {
  fill: "var(--fg-muted)",
  fontSize: 11,
  fontFamily: "inherit",
} as const

export const CHART_GRID_COLOR = "var(--border-base)"
