/**
 * Runs `fn` once, at the next animation frame, or after `fallbackMs` if no frame comes first (a background tab
 * gets no frames, and its live data must still arrive). Returns a function that cancels it.
 */
export function onNextFrame(fn: () => void, fallbackMs = 100): () => void {
  let done = false
  const run = () => {
    if (done) return
    done = true
    cancelAnimationFrame(frame)
    clearTimeout(timer)
    fn()
  }
  const frame = requestAnimationFrame(run)
  const timer = setTimeout(run, fallbackMs)
  return () => { done = true; cancelAnimationFrame(frame); clearTimeout(timer) }
}

/** `fn` at the first frame after `delayMs`: changes gathered meanwhile are applied together, frames in between stay free. */
export function onFrameAfter(delayMs: number, fn: () => void): () => void {
  let cancelFrame: (() => void) | null = null
  const timer = setTimeout(() => { cancelFrame = onNextFrame(fn) }, delayMs)
  return () => { clearTimeout(timer); cancelFrame?.() }
}
