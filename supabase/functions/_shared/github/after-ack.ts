// Work that follows an acknowledgement runs a few at a time, so a burst of deliveries is acknowledged first
// and processed right behind, instead of every delivery's processing competing with the next 202s for the
// worker's event loop and Postgres. Rows stay 'received' until processed; a worker that stops with a backlog
// leaves them to the sweep (sweep.ts), so nothing is lost.
import { afterResponse } from './webhook-request.ts'

const CONCURRENCY = Number(Deno.env.get('WEBHOOK_PROCESS_CONCURRENCY') ?? 4)
const waiting: Array<() => Promise<void>> = []
let running = 0

export function afterAck(work: () => Promise<void>): void {
  waiting.push(work)
  if (running < CONCURRENCY) afterResponse(drain())
}

async function drain(): Promise<void> {
  running++
  try {
    for (let work = waiting.shift(); work; work = waiting.shift()) {
      await work().catch((error) => console.error(error))
    }
  } finally {
    running--
  }
}
