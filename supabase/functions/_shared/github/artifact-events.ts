// Container-registry push events → artifacts rows: the Docker Registry notification envelope
// ({events: [{action: 'push', target: {repository, digest, tag, size, mediaType}, request: {host}}]}) and
// GitHub's package / registry_package payload ({package: {name, namespace, package_version: {...}}}).

export interface ArtifactEvent {
  eventId: string
  name: string
  digest: string | null
  registryUrl: string
  sizeBytes: number | null
  /** container for images; npm, maven, nuget, rubygems… for packages (never an image) */
  ecosystem: string
  /** Content digest: the image manifest's for containers (= digest), the package file's otherwise */
  contentDigest: string | null
  metadata: Record<string, unknown>
}

const DIGEST = /^sha256:[0-9a-f]{64}$/
const MANIFEST = /manifest|image\.index/

// deno-lint-ignore no-explicit-any
type Json = Record<string, any>

function fromRegistryEnvelope(body: Json): ArtifactEvent[] {
  return (body.events as Json[]).filter((e) => e?.action === 'push' && e.target?.repository && (!e.target.mediaType || MANIFEST.test(e.target.mediaType)))
    .map((e) => ({
      eventId: String(e.id ?? `${e.target.repository}@${e.target.digest}`),
      name: e.target.tag ? `${e.target.repository}:${e.target.tag}` : e.target.repository,
      digest: DIGEST.test(e.target.digest ?? '') ? e.target.digest : null,
      registryUrl: `${e.request?.host ?? new URL(e.target.url ?? 'https://unknown').host}/${e.target.repository}`,
      sizeBytes: typeof e.target.size === 'number' ? e.target.size : null,
      ecosystem: 'container',
      contentDigest: DIGEST.test(e.target.digest ?? '') ? e.target.digest : null,
      metadata: { source: 'docker_registry', tag: e.target.tag ?? null, media_type: e.target.mediaType ?? null, actor: e.actor?.name ?? null, timestamp: e.timestamp ?? null },
    }))
}

const CONTAINER_TYPES = new Set(['container', 'docker'])

/**
 * GitHub's package / registry_package payload. The package's registry (`registry.type`, then `package_type`)
 * says what it is: a container image has a manifest digest and lives on ghcr.io; an npm (or Maven, NuGet,
 * RubyGems) package has no image digest, its registry is that ecosystem's (npm.pkg.github.com/@owner) and its
 * content digest is its package file's sha256.
 */
function fromGithubPackage(body: Json, deliveryId: string | null): ArtifactEvent[] {
  const pkg = body.package ?? body.registry_package
  const version = pkg?.package_version ?? {}
  const ecosystem = String(pkg.registry?.type ?? pkg.package_type ?? pkg.ecosystem ?? 'container').toLowerCase()
  const isImage = CONTAINER_TYPES.has(ecosystem)
  const container = version.container_metadata ?? {}
  const digest = isImage ? [container.tag?.digest, version.name, version.version].find((d) => DIGEST.test(d ?? '')) ?? null : null
  const tag = isImage
    ? container.tag?.name || (DIGEST.test(version.version ?? '') ? null : version.version ?? null)
    : version.version ?? null
  const file = ((version.package_files ?? []) as Json[]).find((f) => /^[0-9a-f]{64}$/.test(f?.sha256 ?? ''))
  const registryHost = String(pkg.registry?.url ?? body.registry?.url ?? 'https://ghcr.io').replace(/^https?:\/\//, '').replace(/\/$/, '').toLowerCase()
  const namespace = pkg.namespace ?? `${pkg.owner?.login ?? ''}/${pkg.name}`
  const registryUrl = isImage
    ? String(version.package_url || `${registryHost}/${String(namespace).toLowerCase()}`).replace(/:$/, '')
    : `${registryHost}/${pkg.name}`
  return [{
    eventId: deliveryId ?? `package-version-${version.id ?? digest}`,
    name: tag ? `${pkg.name}:${tag}` : pkg.name,
    digest,
    registryUrl,
    sizeBytes: null,
    ecosystem: isImage ? 'container' : ecosystem,
    contentDigest: isImage ? digest : file ? `sha256:${file.sha256}` : null,
    metadata: { source: 'github_packages', action: body.action ?? null, tag, ecosystem: isImage ? 'container' : ecosystem, html_url: version.html_url ?? pkg.html_url ?? null },
  }]
}

/** The artifacts a payload announces; throws when the payload is neither shape. */
export function artifactEvents(body: Json, deliveryId: string | null): ArtifactEvent[] {
  if (Array.isArray(body.events)) return fromRegistryEnvelope(body)
  if ((body.package ?? body.registry_package)?.name) return fromGithubPackage(body, deliveryId)
  throw new Error('neither a Docker Registry notification envelope nor a GitHub package event')
}
