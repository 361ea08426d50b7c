import pg from 'pg'
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
})
afterAll(async () => { await stack?.stop() })

async function text(blob: Blob | null): Promise<string | undefined> {
  return blob ? Buffer.from(await blob.arrayBuffer()).toString('utf8') : undefined
}

async function row(bucket: string, name: string) {
  const db = new pg.Client({ connectionString: stack.dbUrl })
  await db.connect()
  try {
    const { rows } = await db.query('select * from storage.objects where bucket_id = $1 and name = $2', [bucket, name])
    return rows[0]
  } finally {
    await db.end()
  }
}

describe('storage objects', () => {
  it('uploads raw bytes and downloads them unchanged, with metadata stored as Supabase stores it', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
    const files = alice.client.storage.from('private-files')
    const { data, error } = await files.upload(`${alice.id}/bytes.bin`, bytes, { contentType: 'application/octet-stream' })
    expect(error).toBeNull()
    expect(data).toMatchObject({ path: `${alice.id}/bytes.bin`, fullPath: `private-files/${alice.id}/bytes.bin` })
    expect(data?.id).toMatch(/^[0-9a-f-]{36}$/)

    const download = await files.download(`${alice.id}/bytes.bin`)
    expect(download.error).toBeNull()
    expect(Buffer.from(await download.data!.arrayBuffer()).equals(bytes)).toBe(true)

    const stored = await row('private-files', `${alice.id}/bytes.bin`)
    expect(stored).toMatchObject({ owner: alice.id, owner_id: alice.id })
    expect(stored.metadata).toMatchObject({
      size: 256, contentLength: 256, mimetype: 'application/octet-stream', cacheControl: 'max-age=3600', httpStatusCode: 200,
    })
    expect(stored.metadata.eTag).toMatch(/^"[0-9a-f]{32}"$/)
    expect(new Date(stored.metadata.lastModified).getTime()).not.toBeNaN()
  })

  it('accepts multipart uploads (Blob) with content type, cache control and user metadata', async () => {
    const files = alice.client.storage.from('private-files')
    const blob = new Blob(['{"ok":true}'], { type: 'application/json' })
    const { error } = await files.upload(`${alice.id}/doc.json`, blob, { cacheControl: '60', metadata: { label: 'report' } })
    expect(error).toBeNull()
    const info = await files.info(`${alice.id}/doc.json`)
    expect(info.error).toBeNull()
    expect(info.data).toMatchObject({ contentType: 'application/json', size: 11, cacheControl: 'max-age=60', metadata: { label: 'report' } })
    expect(await text((await files.download(`${alice.id}/doc.json`)).data)).toBe('{"ok":true}')
  })

  it('refuses to overwrite without upsert, overwrites with upsert and with update', async () => {
    const files = alice.client.storage.from('private-files')
    const path = `${alice.id}/notes.txt`
    expect((await files.upload(path, 'one', { contentType: 'text/plain' })).error).toBeNull()
    const again = await files.upload(path, 'two', { contentType: 'text/plain' })
    expect(again.error).toMatchObject({ status: 400, statusCode: '409', message: 'The resource already exists' })
    expect(await text((await files.download(path)).data)).toBe('one')

    expect((await files.upload(path, 'two', { contentType: 'text/plain', upsert: true })).error).toBeNull()
    expect(await text((await files.download(path)).data)).toBe('two')
    expect((await files.update(path, 'three', { contentType: 'text/plain' })).error).toBeNull()
    expect(await text((await files.download(path)).data)).toBe('three')
  })

  it('lists one folder level: folders first, then files with their metadata', async () => {
    const files = alice.client.storage.from('private-files')
    for (const name of ['list/b.txt', 'list/a.txt', 'list/sub/deep.txt', 'list/other/x.txt']) {
      expect((await files.upload(`${alice.id}/${name}`, name, { contentType: 'text/plain' })).error).toBeNull()
    }
    const { data, error } = await files.list(`${alice.id}/list`)
    expect(error).toBeNull()
    expect(data?.map((e) => e.name)).toEqual(['other', 'sub', 'a.txt', 'b.txt'])
    expect(data?.[0]).toMatchObject({ id: null, metadata: null })
    expect(data?.[2]).toMatchObject({ id: expect.any(String), metadata: { size: `list/a.txt`.length, mimetype: 'text/plain' } })

    const searched = await files.list(`${alice.id}/list`, { search: 'b' })
    expect(searched.data?.map((e) => e.name)).toEqual(['b.txt'])
    const paged = await files.list(`${alice.id}/list`, { limit: 2, offset: 2 })
    expect(paged.data?.map((e) => e.name)).toEqual(['a.txt', 'b.txt'])
    const sorted = await files.list(`${alice.id}/list`, { sortBy: { column: 'name', order: 'desc' } })
    expect(sorted.data?.map((e) => e.name)).toEqual(['sub', 'other', 'b.txt', 'a.txt'])
  })

  it('moves and copies objects, bytes included', async () => {
    const files = alice.client.storage.from('private-files')
    await files.upload(`${alice.id}/move-me.txt`, 'moving', { contentType: 'text/plain' })
    expect(await files.move(`${alice.id}/move-me.txt`, `${alice.id}/moved/here.txt`)).toEqual({ data: { message: 'Successfully moved' }, error: null })
    expect((await files.download(`${alice.id}/move-me.txt`)).error).toMatchObject({ status: 400 })
    expect(await text((await files.download(`${alice.id}/moved/here.txt`)).data)).toBe('moving')

    const copied = await files.copy(`${alice.id}/moved/here.txt`, `${alice.id}/copy.txt`)
    expect(copied).toEqual({ data: { path: `private-files/${alice.id}/copy.txt` }, error: null })
    expect(await text((await files.download(`${alice.id}/copy.txt`)).data)).toBe('moving')
    expect(await text((await files.download(`${alice.id}/moved/here.txt`)).data)).toBe('moving')
  })

  it('answers exists() and ranged downloads', async () => {
    const files = alice.client.storage.from('private-files')
    await files.upload(`${alice.id}/alphabet.txt`, 'abcdefghij', { contentType: 'text/plain' })
    expect(await files.exists(`${alice.id}/alphabet.txt`)).toMatchObject({ data: true, error: null })
    expect((await files.exists(`${alice.id}/nothing.txt`)).data).toBe(false)
    const ranged = await fetch(`${stack.apiUrl}/storage/v1/object/private-files/${alice.id}/alphabet.txt`, {
      headers: { authorization: `Bearer ${alice.token}`, range: 'bytes=2-4' },
    })
    expect(ranged.status).toBe(206)
    expect(ranged.headers.get('content-range')).toBe('bytes 2-4/10')
    expect(await ranged.text()).toBe('cde')
  })

  it('removes objects and answers not_found for them afterwards', async () => {
    const files = alice.client.storage.from('private-files')
    await files.upload(`${alice.id}/trash/1.txt`, '1', { contentType: 'text/plain' })
    await files.upload(`${alice.id}/trash/2.txt`, '2', { contentType: 'text/plain' })
    const { data, error } = await files.remove([`${alice.id}/trash/1.txt`, `${alice.id}/trash/2.txt`, `${alice.id}/trash/none.txt`])
    expect(error).toBeNull()
    expect(data?.map((o) => o.name).sort()).toEqual([`${alice.id}/trash/1.txt`, `${alice.id}/trash/2.txt`])
    const gone = await files.download(`${alice.id}/trash/1.txt`)
    expect(gone.error).toMatchObject({ status: 400, statusCode: '404', message: 'Object not found' })
    expect((await files.list(`${alice.id}/trash`)).data).toEqual([])
  })
})
