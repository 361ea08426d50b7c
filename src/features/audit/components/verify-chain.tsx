import { ShieldAlert, ShieldCheck } from 'lucide-react'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { useAuditChain } from '../api/verify-audit-chain.ts'
import { useAuditParams } from '../hooks/use-audit-params.ts'

/**
 * The chain status: the database re-hashes the whole trail when the page opens (and on "Verify again") and
 * says whether every entry still links to the one before it; if not, the first broken entry is one click away.
 */
export function VerifyChain() {
  const chain = useAuditChain()
  const { setFilter } = useAuditParams()
  const verdict = chain.data
  return (
    <div className="flex max-w-md flex-col items-end gap-2" data-testid="chain-status">
      <Button variant="outline" onClick={() => void chain.refetch()} disabled={chain.isFetching}>
        <ShieldCheck aria-hidden />{chain.isFetching ? 'Verifying…' : verdict ? 'Verify again' : 'Verify chain'}
      </Button>
      {verdict && !chain.isFetching && (
        <Alert tone={verdict.intact ? 'success' : 'danger'} data-testid="chain-verdict" data-intact={verdict.intact} className="flex flex-col gap-2">
          <span className="flex items-start gap-2">
            {verdict.intact ? <ShieldCheck className="mt-0.5 size-4 shrink-0" aria-hidden /> : <ShieldAlert className="mt-0.5 size-4 shrink-0" aria-hidden />}
            {verdict.message}
          </span>
          {verdict.firstBrokenId !== null && (
            <Button size="sm" variant="outline" className="self-start" onClick={() => setFilter({ entry: String(verdict.firstBrokenId) })}>
              Show entry #{verdict.firstBrokenId}
            </Button>
          )}
        </Alert>
      )}
      {chain.error && <Alert tone="danger">{chain.error.message}</Alert>}
    </div>
  )
}
