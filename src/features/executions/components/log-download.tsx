import { Download } from 'lucide-react'
import { useState } from 'react'
import { Button } from '../../../components/ui/button.tsx'
import type { Enums } from '../../../integrations/supabase/types.ts'
import { postFunction } from '../../../lib/functions.ts'
import { LOG_LEVELS } from '../lib/log-window.ts'

/** Saves the node's whole log (of the levels shown) as a text file, streamed from fetch-node-logs, with progress. */
export function LogDownload({ executionId, nodeId, levels, total }: { executionId: string; nodeId: string; levels: Enums<'log_level'>[]; total: number }) {
  const [received, setReceived] = useState<number | null>(null)
  const [failed, setFailed] = useState<string | null>(null)

  const download = async () => {
    setFailed(null)
    setReceived(0)
    try {
      const res = await postFunction('fetch-node-logs', {
        execution_id: executionId, node_id: nodeId, download: true, ...(levels.length < LOG_LEVELS.length ? { levels } : {}),
      })
      const reader = res.body!.getReader()
      const chunks: Uint8Array[] = []
      let lines = 0
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        chunks.push(value)
        for (const byte of value) if (byte === 10) lines++
        setReceived(lines)
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${nodeId}.log`
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: 'text/plain' }))
      const link = Object.assign(document.createElement('a'), { href: url, download: name })
      link.click()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error))
    } finally {
      setReceived(null)
    }
  }

  const progress = received === null ? null : total > 0 ? `${Math.min(100, Math.floor((received / total) * 100))}%` : `${received.toLocaleString('en')} lines`
  return (
    <div className="ml-auto flex items-center gap-2">
      {failed && <span className="text-[11px] text-destructive" role="alert">{failed}</span>}
      <Button size="sm" variant="outline" className="h-7 text-xs" disabled={received !== null || total === 0} onClick={() => void download()}>
        <Download /> {progress === null ? 'Download' : `Downloading… ${progress}`}
      </Button>
    </div>
  )
}
