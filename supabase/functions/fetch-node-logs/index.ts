import { fetchNodeLogs } from './handler.ts'

Deno.serve(fetchNodeLogs)
