import { aiTelemetryAnalysis } from './handler.ts'

Deno.serve(aiTelemetryAnalysis)
