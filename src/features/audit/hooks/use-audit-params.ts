import { useCallback, useMemo, useRef } from 'react'
import { useSearchParams } from 'react-router'
import { auditParams, changeFilter, parseAuditParams, type AuditFilter } from '../lib/audit-filter.ts'

/** The audit page's filters and page, read from and written to the URL (so a view can be shared). */
export function useAuditParams() {
  const [params, setParams] = useSearchParams()
  // react-router hands a functional update the parameters of the last render, so two changes before the next
  // render (two filters picked in quick succession) would lose the first: build on what was last written.
  const latest = useRef(params)
  latest.current = params
  const write = useCallback((next: URLSearchParams) => {
    latest.current = next
    setParams(next)
  }, [setParams])
  const { filter, page } = useMemo(() => parseAuditParams(params), [params])
  /** A filter change starts again at the first page; it is a new history entry, so Back undoes it. */
  const setFilter = useCallback((change: Partial<AuditFilter>) => {
    const current = latest.current
    write(auditParams(changeFilter(parseAuditParams(current).filter, change), 0, current))
  }, [write])
  const setPage = useCallback((next: number) => {
    const current = latest.current
    write(auditParams(parseAuditParams(current).filter, next, current))
  }, [write])
  return { filter, page, setFilter, setPage }
}
