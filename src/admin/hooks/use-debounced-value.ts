import { useEffect, useState } from "react"

/**
 * The value as it was `delay` ms after it last changed, for requests that
 * should follow typing without firing on every key.
 */
export const useDebouncedValue = <T>(value: T, delay: number): T => {
  const [debounced, setDebounced] = useState(value)

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay)
    return () => clearTimeout(timer)
  }, [value, delay])

  return debounced
}
