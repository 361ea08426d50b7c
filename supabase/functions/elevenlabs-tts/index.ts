import { elevenlabsTts } from './handler.ts'

Deno.serve(elevenlabsTts)
