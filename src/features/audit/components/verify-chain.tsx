import { ShieldCheck } from 'lucide-react'
import { Alert } from '../../../components/ui/alert.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { useVerifyAuditChain } from '../api/verify-audit-chain.ts'

/** "Verify chain": the database re-hashes the whole trail and says whether any entry was altered. */
export function VerifyChain() {
  const verify = useVerifyAuditChain()
  return (
    <div className="flex flex-col items-end gap-2">
      <Button variant="outline" onClick={() => verify.mutate()} disabled={verify.isPending}>
        <ShieldCheck aria-hidden />{verify.isPending ? 'Verifying…' : 'Verify chain'}
      </Button>
      {verify.data && <Alert tone={verify.data.intact ? 'success' : 'danger'} role="status" data-testid="chain-verdict" data-intact={verify.data.intact}>{verify.data.message}</Alert>}
      {verify.error && <Alert tone="danger" role="alert">{verify.error.message}</Alert>}
    </div>
  )
}
