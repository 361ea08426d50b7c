import type { MouseEvent } from 'react'

export const MAIN_ID = 'main-content'

/**
 * The first Tab stop: hidden until focused, it moves focus to the page's main region so keyboard users skip the
 * navigation. Focus is moved by hand (not a fragment navigation) so the router's URL stays as it is.
 */
export function SkipLink() {
  function skip(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault()
    document.getElementById(MAIN_ID)?.focus()
  }
  return (
    <a
      href={`#${MAIN_ID}`} onClick={skip}
      className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-sm font-medium text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
    >
      Skip to main content
    </a>
  )
}
