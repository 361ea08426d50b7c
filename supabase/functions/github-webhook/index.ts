import { githubWebhook } from './handler.ts'

Deno.serve(githubWebhook)
