// Runs inside Deno, once per function worker: makes the function's Deno.serve listen on an internal
// 127.0.0.1 port, tells the host which port (one marker line on stdout), then imports the function.
declare const Deno: any
export {}

const entry = Deno.env.get('OPZENIX_WORKER_ENTRY')
const marker = Deno.env.get('OPZENIX_WORKER_MARKER')
Deno.env.delete('OPZENIX_WORKER_ENTRY')
Deno.env.delete('OPZENIX_WORKER_MARKER')

const encoder = new TextEncoder()
const realServe = Deno.serve.bind(Deno)
let serving = false

function announce(port: number): void {
  Deno.stdout.writeSync(encoder.encode(`${marker} ${port}\n`))
}

// Deno.serve(handler) | Deno.serve(options, handler) | Deno.serve({ handler, ...options })
Deno.serve = (first: any, second?: any) => {
  if (serving) throw new Error('Deno.serve was called twice: an edge function serves one handler')
  serving = true
  const options = typeof first === 'function' ? {} : { ...first }
  const handler = typeof first === 'function' ? first : second ?? first.handler
  const userOnListen = options.onListen
  return realServe({
    ...options,
    handler,
    hostname: '127.0.0.1',
    port: 0,
    onListen: (address: { port: number }) => {
      announce(address.port)
      if (typeof userOnListen === 'function') userOnListen(address)
    },
  })
}

// What the edge runtime offers beyond Deno: background tasks that outlive the response. As on the runtime, a
// worker asked to stop (SIGTERM: an edit retired it) finishes them first.
const background = new Set<Promise<unknown>>()
;(globalThis as any).EdgeRuntime = {
  waitUntil: (promise: Promise<unknown>) => {
    const task = Promise.resolve(promise).catch((e) => console.error(e)).finally(() => background.delete(task))
    background.add(task)
    return task
  },
}
Deno.addSignalListener('SIGTERM', async () => {
  while (background.size > 0) await Promise.allSettled([...background])
  Deno.exit(0)
})

// The host holds our stdin open: when it goes away, even killed outright, the worker goes too.
;(async () => {
  const buffer = new Uint8Array(64)
  while ((await Deno.stdin.read(buffer)) !== null) { /* nothing is ever sent */ }
  Deno.exit(0)
})()

try {
  const module = await import(entry)
  // `export default { fetch }` is the other shape edge functions may take.
  if (!serving && typeof module.default?.fetch === 'function') Deno.serve((req: Request) => module.default.fetch(req))
  if (!serving) throw new Error('the function neither called Deno.serve nor exported a default { fetch }')
} catch (error) {
  console.error(`worker boot error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`)
  Deno.exit(70)
}
