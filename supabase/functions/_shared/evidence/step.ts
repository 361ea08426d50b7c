// Generic step evidence (record-ci-evidence): a titled result with optional figures and link, and optionally
// the artifact the step built. Ecosystems are normalized so an npm package is never taken for an image:
// docker/oci/container are `container` (digest: the manifest's sha256), everything else keeps its name.
import { z } from 'zod'
import { EvidenceError } from './errors.ts'
import type { ArtifactInput, StepEvidence } from './store.ts'

const ECOSYSTEM_ALIASES: Record<string, string> = { docker: 'container', oci: 'container', image: 'container', ghcr: 'container', pip: 'pypi', gem: 'rubygems' }

/** `Docker`, `OCI`, `CONTAINER` → container; `npm` → npm; anything else lowercased. */
export function normalizeEcosystem(value: string): string {
  const v = value.trim().toLowerCase()
  return ECOSYSTEM_ALIASES[v] ?? v
}

const IMAGE_DIGEST = /^sha256:[0-9a-f]{64}$/
const ANY_DIGEST = /^(sha256|sha512|sha1):[0-9a-f]{40,128}$/

const artifact = z.object({
  name: z.string().trim().min(1).max(300),
  ecosystem: z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_-]{0,30}$/, 'a package ecosystem such as container, npm, maven').transform(normalizeEcosystem),
  digest: z.string().trim().toLowerCase().regex(ANY_DIGEST, 'algorithm:hex, e.g. sha256:… (64 hex digits)').optional(),
  registry_url: z.string().trim().min(1).max(500).optional(),
  size_bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
}).superRefine((a, ctx) => {
  if (a.ecosystem === 'container' && a.digest && !IMAGE_DIGEST.test(a.digest)) {
    ctx.addIssue({ code: 'custom', path: ['digest'], message: 'an image digest is sha256: and 64 hex digits (the manifest digest)' })
  }
})

export const stepEvidenceSchema = z.object({
  kind: z.string().trim().regex(/^[a-z][a-z0-9_.-]{0,62}$/, 'lowercase letters, digits, _ . or -, e.g. coverage'),
  title: z.string().trim().min(1).max(200),
  status: z.enum(['passed', 'failed', 'warning', 'info']).default('info'),
  summary: z.string().trim().max(2000).optional(),
  url: z.string().trim().max(2000).regex(/^https?:\/\//, 'an http(s) address').optional(),
  data: z.record(z.string(), z.unknown()).default({}),
  artifact: artifact.optional(),
}).superRefine((e, ctx) => {
  // Coverage is what the test gate compares between runs, so it has one shape.
  const percent = e.data.percent
  if (e.kind === 'coverage' && (typeof percent !== 'number' || !(percent >= 0 && percent <= 100))) {
    ctx.addIssue({ code: 'custom', path: ['data', 'percent'], message: 'coverage evidence carries data.percent, the line coverage from 0 to 100' })
  }
})

/** Validates a record-ci-evidence body; throws EvidenceError with the fields that are wrong. */
export function parseStepEvidence(body: unknown): StepEvidence & { artifact?: ArtifactInput } {
  const parsed = stepEvidenceSchema.safeParse(body)
  if (!parsed.success) {
    throw new EvidenceError(parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '))
  }
  if (JSON.stringify(parsed.data.data).length > 100_000) throw new EvidenceError('data: at most 100,000 characters of JSON')
  return parsed.data
}
