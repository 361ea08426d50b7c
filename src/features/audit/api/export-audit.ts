import { useMutation } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { env } from '../../../lib/env.ts'
import { FunctionError, refusalOf } from '../../../lib/functions.ts'
import { supabase } from '../../../lib/supabase.ts'
import { attachmentName, rowCounter, type ExportFormat } from '../lib/export-progress.ts'

export interface ExportProgress {
  format: ExportFormat
  rows: number
  bytes: number
  /** The rows the export covers, from the function's x-audit-row-count header. */
  total: number | null
}

export interface ExportResult extends ExportProgress {
  filename: string
  blob: Blob
}

/**
 * Downloads an audit export through the audit-export function with the session's token, reading the body as
 * it streams (so progress shows while the server is still writing) into a Blob.
 */
export async function exportAudit(
  params: Record<string, string>, format: ExportFormat, onProgress?: (progress: ExportProgress) => void, signal?: AbortSignal,
): Promise<ExportResult> {
  const { data } = await supabase.auth.getSession()
  const token = data.session?.access_token
  if (!token) throw new FunctionError(401, 'unauthorized', 'Sign in again to export the audit trail.')
  const query = new URLSearchParams({ ...params, format })
  let res: Response
  try {
    res = await fetch(`${env.supabaseUrl}/functions/v1/audit-export?${query}`, {
      headers: { authorization: `Bearer ${token}`, apikey: env.supabaseAnonKey }, signal,
    })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new FunctionError(0, 'network', `Could not reach audit-export: ${(error as Error).message}`)
  }
  if (!res.ok || !res.body) throw await refusalOf(res, `The export failed (${res.status})`)
  const total = Number(res.headers.get('x-audit-row-count') ?? NaN)
  const progress: ExportProgress = { format, rows: 0, bytes: 0, total: Number.isFinite(total) ? total : null }
  const counter = rowCounter(format)
  const parts: Uint8Array<ArrayBuffer>[] = []
  const reader = res.body.getReader()
  onProgress?.({ ...progress })
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array<ArrayBuffer>>
    try {
      chunk = await reader.read()
    } catch (error) {
      if (signal?.aborted) throw error
      throw new FunctionError(0, 'interrupted', `The export stopped after ${progress.rows} rows: ${(error as Error).message}. Try again.`)
    }
    if (chunk.done) break
    parts.push(chunk.value)
    progress.bytes += chunk.value.byteLength
    progress.rows = counter.feed(chunk.value)
    onProgress?.({ ...progress })
  }
  if (progress.total !== null && progress.rows !== progress.total) {
    throw new FunctionError(0, 'incomplete', `The export ended after ${progress.rows} of ${progress.total} rows. Try again.`)
  }
  const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json;charset=utf-8'
  const filename = attachmentName(res.headers.get('content-disposition'), `audit.${format}`)
  return { ...progress, filename, blob: new Blob(parts, { type }) }
}

/** Saves a Blob as a download under `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** Export with live progress and a way to cancel; one export at a time. */
export function useAuditExport() {
  const [progress, setProgress] = useState<ExportProgress | null>(null)
  const abort = useRef<AbortController | null>(null)
  const mutation = useMutation({
    mutationFn: async ({ params, format }: { params: Record<string, string>; format: ExportFormat }) => {
      abort.current = new AbortController()
      setProgress(null)
      let last = 0
      const result = await exportAudit(params, format, (p) => {
        // Re-render at most ~10 times a second however fast chunks arrive.
        const now = performance.now()
        if (now - last > 100 || p.rows === p.total) {
          last = now
          setProgress(p)
        }
      }, abort.current.signal)
      setProgress(result)
      saveBlob(result.blob, result.filename)
      return { filename: result.filename, rows: result.rows, bytes: result.bytes }
    },
  })
  return { ...mutation, progress, cancel: () => abort.current?.abort() }
}
