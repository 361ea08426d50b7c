import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from '../../test/helpers/stack.ts'
import { createTestUser, type TestUser } from './test-users.ts'

let stack: TestStack
let alice: TestUser
beforeAll(async () => {
  stack = await startTestStack()
  alice = await createTestUser(stack, 'alice@example.com')
})
afterAll(async () => { await stack?.stop() })

describe('storage buckets', () => {
  it('creates the buckets config.toml declares, with their public flag and size limit', async () => {
    const { data, error } = await stack.service().storage.getBucket('public-files')
    expect(error).toBeNull()
    expect(data).toMatchObject({ id: 'public-files', name: 'public-files', public: true, file_size_limit: 1024 * 1024 })
    const { data: privateBucket } = await stack.service().storage.getBucket('private-files')
    expect(privateBucket).toMatchObject({ public: false, file_size_limit: 50 * 1024 * 1024 })
  })

  it('serves buckets a migration inserted', async () => {
    const { data } = await stack.service().storage.getBucket('avatars')
    expect(data).toMatchObject({ public: true, file_size_limit: 102400, allowed_mime_types: ['image/png', 'image/jpeg'] })
  })

  it('lets policies on storage.buckets decide who sees buckets', async () => {
    const { data: asAnon, error } = await stack.anon().storage.listBuckets()
    expect(error).toBeNull()
    expect(asAnon).toEqual([])
    const { data: asUser } = await alice.client.storage.listBuckets()
    expect(asUser?.map((b) => b.id)).toEqual(expect.arrayContaining(['avatars', 'private-files', 'public-files']))
  })

  it('refuses bucket creation to users without a policy, in Storage’s error shape', async () => {
    const { error } = await alice.client.storage.createBucket('mine', { public: false })
    expect(error).toMatchObject({ status: 400, statusCode: '403', message: 'new row violates row-level security policy' })
  })

  it('creates, reads, updates, empties and deletes a bucket with the service key', async () => {
    const storage = stack.service().storage
    const created = await storage.createBucket('reports', { public: false, fileSizeLimit: '2MB', allowedMimeTypes: ['text/*'] })
    expect(created).toEqual({ data: { name: 'reports' }, error: null })
    expect((await storage.getBucket('reports')).data).toMatchObject({ public: false, file_size_limit: 2_000_000, allowed_mime_types: ['text/*'] })

    expect((await storage.updateBucket('reports', { public: true, fileSizeLimit: 10 })).data).toEqual({ message: 'Successfully updated' })
    expect((await storage.getBucket('reports')).data).toMatchObject({ public: true, file_size_limit: 10 })

    expect((await storage.from('reports').upload('a.txt', 'hello', { contentType: 'text/plain' })).error).toBeNull()
    const notEmpty = await storage.deleteBucket('reports')
    expect(notEmpty.error).toMatchObject({ statusCode: '409', message: 'The bucket you tried to delete is not empty' })

    expect((await storage.emptyBucket('reports')).data).toEqual({ message: 'Successfully emptied' })
    expect((await storage.from('reports').list()).data).toEqual([])
    expect((await storage.deleteBucket('reports')).data).toEqual({ message: 'Successfully deleted' })
    const gone = await storage.getBucket('reports')
    expect(gone.error).toMatchObject({ status: 400, statusCode: '404', message: 'Bucket not found' })
  })

  it('refuses duplicate and malformed bucket names', async () => {
    const duplicate = await stack.service().storage.createBucket('public-files')
    expect(duplicate.error).toMatchObject({ statusCode: '409', message: 'The resource already exists' })
    const malformed = await stack.service().storage.createBucket('no/slashes')
    expect(malformed.error).toMatchObject({ statusCode: '400', message: 'Bucket name invalid' })
  })
})
