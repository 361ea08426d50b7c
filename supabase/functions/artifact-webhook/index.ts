import { artifactWebhook } from './handler.ts'

Deno.serve(artifactWebhook)
