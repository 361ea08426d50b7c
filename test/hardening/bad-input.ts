// Generated bad input for the fuzz test: bodies, content types, methods and credentials nobody should send.
import fc from 'fast-check'
import { signJwt } from '../../stack/jwt.ts'

/** A request body as text, with a label saying what kind of wrongness it is (for the failure message). */
export interface BadBody { kind: string; text: string }

/** A body that prints short in a counterexample (a 12 MB string would drown the report). */
export function body(kind: string, text: string): BadBody {
  return { kind, text, [fc.toStringMethod]: () => `${kind}: ${JSON.stringify(text.slice(0, 80))}` } as BadBody
}

// Field names the functions really read, so wrong values meet real validation rather than "unknown field".
const FIELDS = [
  'execution_id', 'flow_template_id', 'environment_id', 'organization_id', 'project_id', 'connection_id',
  'deployment_id', 'checkpoint_id', 'node_id', 'to_environment_id', 'from_environment_id', 'version', 'reason',
  'variables', 'secrets', 'token', 'key', 'display_name', 'tier', 'position', 'name', 'environment', 'format',
  'max_executions', 'max_deliveries', 'cursor', 'limit', 'repository', 'credentials', 'base_version',
]

const weird = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, '', ' ', '\u0000', '🙂', 'ẞ\u202e\u200b', 'null', '[]', '{}'),
  fc.uuid(), // well formed, but never a row that exists
  fc.integer(), fc.double(), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }),
  fc.array(fc.integer(), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
)

const nested = (depth: number, open: string, close: string, inner = '') => open.repeat(depth) + inner + close.repeat(depth)

/** Every flavour of bad body: wrong types, missing fields, unicode, not JSON, huge, deeply nested. */
export const badBody: fc.Arbitrary<BadBody> = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), weird, { maxKeys: 5 }).map((o) => body('wrong types', JSON.stringify(o))),
  fc.jsonValue({ maxDepth: 3 }).map((v) => body('any json', JSON.stringify(v) ?? 'null')),
  fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => body('not json', s)),
  fc.constantFrom('{', '{"a":', '[1,]', '{"a":1}{"b":2}', '\uFEFF{}', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{}}}')
    .map((t) => body('broken json', t)),
  fc.integer({ min: 1_000, max: 50_000 }).map((d) => body(`nested arrays ${d}`, nested(d, '[', ']'))),
  fc.integer({ min: 1_000, max: 20_000 }).map((d) => body(`nested objects ${d}`, nested(d, '{"a":', '}', '1'))),
  fc.constantFrom(2, 12).map((mb) => body(`${mb} MB string`, JSON.stringify({ reason: 'x'.repeat(mb * 1024 * 1024) }))),
)

export const contentType = fc.constantFrom(
  'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
  'application/x-protobuf', 'application/json; charset=utf-16', '', 'application/xml',
)

export const method = fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'PATCH', 'DELETE')

export type Credential = 'none' | 'anon' | 'forged' | 'expired' | 'alg-none' | 'garbage' | 'not-bearer' | 'viewer' | 'operator' | 'admin'
export const credential = fc.constantFrom<Credential>('none', 'anon', 'forged', 'expired', 'alg-none', 'garbage', 'not-bearer', 'viewer', 'operator', 'admin')

export interface Keys { jwtSecret: string; anonKey: string; users: Record<'viewer' | 'operator' | 'admin', { id: string; token: string }> }

/** The Authorization header for a credential; forged and expired tokens name a real user. */
export async function authorization(c: Credential, keys: Keys): Promise<string | undefined> {
  const now = Math.floor(Date.now() / 1000)
  const claims = { sub: keys.users.operator.id, role: 'authenticated', aud: 'authenticated', email: 'operator@opzenix.dev' }
  switch (c) {
    case 'none': return undefined
    case 'anon': return `Bearer ${keys.anonKey}`
    case 'forged': return `Bearer ${await signJwt({ ...claims, role: 'service_role', exp: now + 3600 }, 'not-the-secret-not-the-secret-not-the-secret')}`
    case 'expired': return `Bearer ${await signJwt({ ...claims, iat: now - 7200, exp: now - 3600 }, keys.jwtSecret)}`
    case 'alg-none': {
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
      return `Bearer ${part({ alg: 'none', typ: 'JWT' })}.${part({ ...claims, role: 'service_role', exp: now + 3600 })}.`
    }
    case 'garbage': return 'Bearer ey.ey.ey'
    case 'not-bearer': return `Basic ${Buffer.from('admin:admin').toString('base64')}`
    default: return `Bearer ${keys.users[c].token}`
  }
}
