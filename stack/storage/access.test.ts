import http from 'node:http'
import { signJwt } from '../jwt.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { createTestUser, type TestUser } from './test-users.ts'

let stack: TestStack
let alice: TestUser
let bob: TestUser
beforeAll(async () => {
  stack = await startTestStack()
  alice = await createTestUser(stack, 'alice@example.com')
  bob = await createTestUser(stack, 'bob@example.com')
  const { error } = await alice.client.storage.from('private-files').upload(`${alice.id}/secret.txt`, 'for alice only', { contentType: 'text/plain' })
  if (error) throw error
})
afterAll(async () => { await stack?.stop() })

/** A request whose path is sent exactly as written (fetch would normalise dot segments away). */
function rawRequest(method: string, path: string, token: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${stack.apiUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' } }, (res) => {
      let text = ''
      res.on('data', (chunk) => { text += chunk })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }))
    })
    req.on('error', reject)
    req.end('x')
  })
}

describe('storage access', () => {
  it('serves public bucket objects at their public URL without any key', async () => {
    const files = alice.client.storage.from('public-files')
    expect((await files.upload(`${alice.id}/hello.txt`, 'hello world', { contentType: 'text/plain' })).error).toBeNull()
    const { data } = files.getPublicUrl(`${alice.id}/hello.txt`)
    const res = await fetch(data.publicUrl)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain')
    expect(await res.text()).toBe('hello world')

    const download = await fetch(files.getPublicUrl(`${alice.id}/hello.txt`, { download: 'greeting.txt' }).data.publicUrl)
    expect(download.headers.get('content-disposition')).toContain('greeting.txt')
  })

  it('has no public URL for objects of a private bucket', async () => {
    const { data } = stack.anon().storage.from('private-files').getPublicUrl(`${alice.id}/secret.txt`)
    const res = await fetch(data.publicUrl)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ statusCode: '404', error: 'Bucket not found', message: 'Bucket not found' })
  })

  it('hides a private object from anon and from another user', async () => {
    for (const client of [stack.anon(), bob.client]) {
      const { data, error } = await client.storage.from('private-files').download(`${alice.id}/secret.txt`)
      expect(data).toBeNull()
      expect(error).toMatchObject({ status: 400, statusCode: '404', message: 'Object not found' })
      const listed = await client.storage.from('private-files').list(alice.id)
      expect(listed.data).toEqual([])
    }
    const own = await alice.client.storage.from('private-files').download(`${alice.id}/secret.txt`)
    expect(Buffer.from(await own.data!.arrayBuffer()).toString()).toBe('for alice only')

    const authenticatedUrl = `${stack.apiUrl}/storage/v1/object/authenticated/private-files/${alice.id}/secret.txt`
    const asAlice = await fetch(authenticatedUrl, { headers: { authorization: `Bearer ${alice.token}` } })
    expect(await asAlice.text()).toBe('for alice only')
    const asBob = await fetch(authenticatedUrl, { headers: { authorization: `Bearer ${bob.token}` } })
    expect(await asBob.json()).toMatchObject({ statusCode: '404', error: 'not_found' })
  })

  it('refuses writes outside the user’s own folder and writes by anon (RLS)', async () => {
    const intoBob = await alice.client.storage.from('private-files').upload(`${bob.id}/planted.txt`, 'x', { contentType: 'text/plain' })
    expect(intoBob.error).toMatchObject({ status: 400, statusCode: '403', message: 'new row violates row-level security policy' })
    const byAnon = await stack.anon().storage.from('private-files').upload(`${alice.id}/anon.txt`, 'x', { contentType: 'text/plain' })
    expect(byAnon.error).toMatchObject({ statusCode: '403' })
    const overwrite = await bob.client.storage.from('private-files').update(`${alice.id}/secret.txt`, 'hijacked', { contentType: 'text/plain' })
    expect(overwrite.error).toMatchObject({ statusCode: '403' })
    const removed = await bob.client.storage.from('private-files').remove([`${alice.id}/secret.txt`])
    expect(removed.data).toEqual([])
    const moved = await bob.client.storage.from('private-files').move(`${alice.id}/secret.txt`, `${bob.id}/stolen.txt`)
    expect(moved.error).toMatchObject({ statusCode: '404' })
    const own = await alice.client.storage.from('private-files').download(`${alice.id}/secret.txt`)
    expect(Buffer.from(await own.data!.arrayBuffer()).toString()).toBe('for alice only')
  })

  it('lets the service role read and write anywhere', async () => {
    const files = stack.service().storage.from('private-files')
    expect((await files.upload(`${bob.id}/from-admin.txt`, 'admin', { contentType: 'text/plain' })).error).toBeNull()
    const { data } = await files.download(`${alice.id}/secret.txt`)
    expect(await data?.text()).toBe('for alice only')
  })

  it('serves a signed URL to anyone holding it, and refuses forged or expired tokens', async () => {
    const files = alice.client.storage.from('private-files')
    const { data, error } = await files.createSignedUrl(`${alice.id}/secret.txt`, 60)
    expect(error).toBeNull()
    const res = await fetch(data!.signedUrl)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('for alice only')

    const url = new URL(data!.signedUrl)
    const now = Math.floor(Date.now() / 1000)
    const expired = await signJwt({ url: `private-files/${alice.id}/secret.txt`, iat: now - 120, exp: now - 60 }, stack.jwtSecret)
    const forged = await signJwt({ url: `private-files/${alice.id}/secret.txt`, iat: now, exp: now + 60 }, 'not-the-secret-not-the-secret-not-the-secret')
    const otherPath = await signJwt({ url: `private-files/${alice.id}/other.txt`, iat: now, exp: now + 60 }, stack.jwtSecret)
    for (const [token, message] of [[expired, '"exp" claim timestamp check failed'], [forged, 'signature verification failed'], [otherPath, 'The url do not match the signature']]) {
      url.searchParams.set('token', token)
      const refused = await fetch(url)
      expect(refused.status).toBe(400)
      expect(await refused.json()).toMatchObject({ message })
    }

    const notForBob = await bob.client.storage.from('private-files').createSignedUrl(`${alice.id}/secret.txt`, 60)
    expect(notForBob.error).toMatchObject({ statusCode: '404' })
  })

  it('signs several URLs at once, with an error for what the caller cannot read', async () => {
    const { data, error } = await alice.client.storage.from('private-files').createSignedUrls([`${alice.id}/secret.txt`, `${alice.id}/missing.txt`], 60)
    expect(error).toBeNull()
    expect(data?.[0]).toMatchObject({ path: `${alice.id}/secret.txt`, error: null, signedUrl: expect.stringContaining('token=') })
    expect(data?.[1]).toMatchObject({ path: `${alice.id}/missing.txt`, signedUrl: null, error: expect.any(String) })
    expect(await (await fetch(data![0].signedUrl!)).text()).toBe('for alice only')
  })

  it('accepts uploads to a signed upload URL, only where the signer may write', async () => {
    const files = alice.client.storage.from('private-files')
    const { data, error } = await files.createSignedUploadUrl(`${alice.id}/dropbox.txt`)
    expect(error).toBeNull()
    const uploaded = await stack.anon().storage.from('private-files').uploadToSignedUrl(`${alice.id}/dropbox.txt`, data!.token, 'dropped', { contentType: 'text/plain' })
    expect(uploaded.error).toBeNull()
    expect(await (await files.download(`${alice.id}/dropbox.txt`)).data?.text()).toBe('dropped')

    const refused = await files.createSignedUploadUrl(`${bob.id}/dropbox.txt`)
    expect(refused.error).toMatchObject({ statusCode: '403' })
  })

  it('enforces the global and per-bucket size limits with Storage’s 413 error', async () => {
    const tooBig = Buffer.alloc(1024 * 1024 + 1, 1)
    const { error } = await alice.client.storage.from('public-files').upload(`${alice.id}/big.bin`, tooBig, { contentType: 'application/octet-stream' })
    expect(error).toMatchObject({ status: 400, statusCode: '413', message: 'The object exceeded the maximum allowed size' })
    const asBlob = await alice.client.storage.from('public-files').upload(`${alice.id}/big-form.bin`, new Blob([tooBig]))
    expect(asBlob.error).toMatchObject({ statusCode: '413' })
    expect((await alice.client.storage.from('public-files').list(alice.id, { search: 'big' })).data).toEqual([])
    const justRight = await alice.client.storage.from('public-files').upload(`${alice.id}/fits.bin`, Buffer.alloc(1024 * 1024, 1), { contentType: 'application/octet-stream' })
    expect(justRight.error).toBeNull()
  })

  it('refuses mime types the bucket does not allow', async () => {
    const avatars = alice.client.storage.from('avatars')
    const refused = await avatars.upload(`${alice.id}/face.txt`, 'not an image', { contentType: 'text/plain' })
    expect(refused.error).toMatchObject({ statusCode: '415', message: 'mime type text/plain is not supported' })
    const png = Buffer.from('89504e470d0a1a0a', 'hex')
    expect((await avatars.upload(`${alice.id}/face.png`, png, { contentType: 'image/png' })).error).toBeNull()
    expect((await avatars.upload(`${alice.id}/face2.png`, new Blob([png], { type: 'image/gif' }))).error).toMatchObject({ statusCode: '415' })
  })

  it('answers bad requests in Storage’s error shape', async () => {
    const base = `${stack.apiUrl}/storage/v1`
    const noAuth = await fetch(`${base}/object/private-files/${alice.id}/secret.txt`)
    expect(noAuth.status).toBe(400)
    expect(await noAuth.json()).toEqual({ statusCode: '400', code: 'InvalidRequest', error: 'Bad Request', message: "headers must have required property 'authorization'" })

    const badJwt = await fetch(`${base}/bucket`, { headers: { authorization: 'Bearer not-a-jwt' } })
    expect(badJwt.status).toBe(400)
    expect(await badJwt.json()).toMatchObject({ statusCode: '403', error: 'Unauthorized' })

    const noBucket = await alice.client.storage.from('nope').upload('x.txt', 'x', { contentType: 'text/plain' })
    expect(noBucket.error).toMatchObject({ statusCode: '404', message: 'Bucket not found' })
    const badKey = await alice.client.storage.from('private-files').upload(`${alice.id}/bad{name}.txt`, 'x', { contentType: 'text/plain' })
    expect(badKey.error).toMatchObject({ statusCode: '400', message: `Invalid key: ${alice.id}/bad{name}.txt` })
    const traversal = await rawRequest('POST', `/storage/v1/object/private-files/${alice.id}/..%2F..%2F..%2Fescape.txt`, alice.token)
    expect(traversal).toMatchObject({ status: 400, body: { statusCode: '400', error: 'InvalidKey' } })
    const badList = await fetch(`${base}/object/private-files`, {
      method: 'DELETE', headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' }, body: '{"prefixes": 3}',
    })
    expect(await badList.json()).toMatchObject({ statusCode: '400', message: expect.stringContaining('prefixes') })
  })
})
