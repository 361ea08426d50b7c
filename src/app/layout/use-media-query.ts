import { useSyncExternalStore } from 'react'

/** Whether `query` matches now, following changes (a resize across a breakpoint re-renders). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = matchMedia(query)
      list.addEventListener('change', onChange)
      return () => list.removeEventListener('change', onChange)
    },
    () => matchMedia(query).matches,
    () => false,
  )
}

/** The width from which the navigation is a fixed sidebar; below it, a drawer opened from the top bar. */
export const WIDE_SCREEN = '(min-width: 1024px)'
