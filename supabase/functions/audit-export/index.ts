import { auditExport } from './handler.ts'

Deno.serve(auditExport)
