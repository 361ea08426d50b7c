import { describe, expect, it } from 'vitest'
import { AVATAR_MAX_BYTES, avatarFileError, avatarPath, formatBytes } from './avatar-file.ts'

const file = (over: Partial<{ name: string; type: string; size: number }>) => ({ name: 'me.png', type: 'image/png', size: 50_000, ...over })

describe('avatarFileError', () => {
  it('accepts the bucket types up to 2 MB', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/webp', 'image/gif']) expect(avatarFileError(file({ type }))).toBeNull()
    expect(avatarFileError(file({ size: AVATAR_MAX_BYTES }))).toBeNull()
  })
  it('refuses what is not an image', () => {
    expect(avatarFileError(file({ name: 'cv.pdf', type: 'application/pdf' }))).toBe('“cv.pdf” is not an image. Choose a PNG, JPEG, WebP or GIF file.')
    expect(avatarFileError(file({ name: 'noext', type: '' }))).toMatch(/is not an image/)
  })
  it('refuses images the bucket would refuse', () => {
    expect(avatarFileError(file({ name: 'logo.svg', type: 'image/svg+xml' }))).toBe('SVG+XML images are not accepted. Choose a PNG, JPEG, WebP or GIF file.')
  })
  it('refuses files over 2 MB, saying how big they are', () => {
    expect(avatarFileError(file({ name: 'big.jpg', type: 'image/jpeg', size: AVATAR_MAX_BYTES + 1 }))).toBe('“big.jpg” is 2.0 MB; the limit is 2 MB.')
    expect(avatarFileError(file({ name: 'huge.jpg', type: 'image/jpeg', size: 5 * 1024 * 1024 }))).toBe('“huge.jpg” is 5.0 MB; the limit is 2 MB.')
  })
  it('refuses empty files', () => {
    expect(avatarFileError(file({ size: 0 }))).toBe('“me.png” is empty.')
  })
})

describe('avatarPath', () => {
  it('puts the file in the user’s own folder with a fresh name and the type’s extension', () => {
    expect(avatarPath('u-1', file({ type: 'image/jpeg' }), 1700000000000)).toBe('u-1/avatar-1700000000000.jpg')
    expect(avatarPath('u-1', file({}), 1)).toBe('u-1/avatar-1.png')
  })
  it('refuses a type it has no extension for', () => {
    expect(() => avatarPath('u-1', file({ type: 'image/svg+xml' }))).toThrow(/not an avatar type/)
  })
})

describe('formatBytes', () => {
  it('reads naturally', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(340 * 1024)).toBe('340 KB')
    expect(formatBytes(2.4 * 1024 * 1024)).toBe('2.4 MB')
  })
})
