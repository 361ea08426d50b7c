import { recordCiEvidence } from './handler.ts'

Deno.serve(recordCiEvidence)
