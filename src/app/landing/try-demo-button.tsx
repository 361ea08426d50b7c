import { useState } from 'react'
import { Button } from '../../components/ui/button.tsx'

/** Signs the visitor in anonymously, opens their sandbox organization and enters the app on the guided tour. */
export function TryDemoButton({ onEnterApp, label = 'Try the demo' }: { onEnterApp: () => void; label?: string }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function start() {
    setBusy(true)
    setError(null)
    try {
      const { startDemo } = await import('../../features/demo/api/start-demo.ts')
      await startDemo()
      history.replaceState(null, '', '/demo')
      onEnterApp()
    } catch (e) {
      setError((e as Error).message || 'The demo could not start. Try again.')
      setBusy(false)
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <Button size="lg" onClick={start} disabled={busy}>{busy ? 'Preparing your sandbox…' : label}</Button>
      {error && <p role="alert" className="max-w-sm text-sm text-destructive">{error}</p>}
    </div>
  )
}
