import { KeyRound } from 'lucide-react'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../components/ui/table.tsx'
import { PROVIDER_LABELS } from '../lib/config-rows.ts'
import type { SecretRef, Variables } from '../lib/shared.ts'

/** One version's variables and secret references, read-only. */
export function ConfigTable({ variables, secrets }: { variables: Variables; secrets: SecretRef[] }) {
  const names = Object.keys(variables).sort()
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Table aria-label="Variables">
        <TableHeader><TableRow><TableHead>Variable</TableHead><TableHead>Value</TableHead></TableRow></TableHeader>
        <TableBody>
          {names.length === 0 && <TableRow><TableCell colSpan={2} className="text-muted-foreground">No variables</TableCell></TableRow>}
          {names.map((name) => (
            <TableRow key={name}>
              <TableCell className="font-mono text-xs">{name}</TableCell>
              <TableCell className="font-mono text-xs break-all">{JSON.stringify(variables[name])}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Table aria-label="Secret references">
        <TableHeader><TableRow><TableHead>Secret</TableHead><TableHead>Provider and key</TableHead></TableRow></TableHeader>
        <TableBody>
          {secrets.length === 0 && <TableRow><TableCell colSpan={2} className="text-muted-foreground">No secret references</TableCell></TableRow>}
          {secrets.map((ref) => (
            <TableRow key={ref.name}>
              <TableCell className="font-mono text-xs"><KeyRound className="mr-1 inline size-3" aria-hidden />{ref.name}</TableCell>
              <TableCell className="text-xs">{PROVIDER_LABELS[ref.provider] ?? ref.provider}: <code className="break-all">{ref.key}</code></TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  )
}
