import type { ServerResponse } from 'node:http'
import { sendJson } from '../http.ts'

/**
 * An error rendered the way Supabase Storage renders it: the body carries the semantic status
 * (`statusCode: "404"`) while the HTTP status is 400 for every client error and 500 otherwise.
 */
export class StorageError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly error: string = code,
  ) {
    super(message)
  }

  get httpStatus(): number {
    return this.statusCode >= 500 ? 500 : 400
  }

  render(): { statusCode: string; code: string; error: string; message: string } {
    return { statusCode: String(this.statusCode), code: this.code, error: this.error, message: this.message }
  }
}

/** The errors Supabase Storage answers with, same codes and messages. */
export const errors = {
  noSuchBucket: () => new StorageError(404, 'NoSuchBucket', 'Bucket not found', 'Bucket not found'),
  noSuchKey: () => new StorageError(404, 'NoSuchKey', 'Object not found', 'not_found'),
  missingAuthorization: () =>
    new StorageError(400, 'InvalidRequest', "headers must have required property 'authorization'", 'Bad Request'),
  accessDenied: (message = 'Access denied') => new StorageError(403, 'AccessDenied', message, 'Unauthorized'),
  invalidSignature: () => new StorageError(400, 'InvalidSignature', 'The url do not match the signature'),
  bucketNotEmpty: () => new StorageError(409, 'ResourceNotEmpty', 'The bucket you tried to delete is not empty'),
  bucketExists: () => new StorageError(409, 'BucketAlreadyExists', 'The resource already exists', 'Duplicate'),
  keyExists: () => new StorageError(409, 'KeyAlreadyExists', 'The resource already exists', 'Duplicate'),
  invalidBucketName: () => new StorageError(400, 'InvalidBucketName', 'Bucket name invalid', 'Invalid Input'),
  invalidKey: (key: string) => new StorageError(400, 'InvalidKey', `Invalid key: ${key}`),
  invalidMimeType: (mimeType: string) =>
    new StorageError(415, 'InvalidMimeType', `mime type ${mimeType} is not supported`, 'invalid_mime_type'),
  entityTooLarge: () =>
    new StorageError(413, 'EntityTooLarge', 'The object exceeded the maximum allowed size', 'Payload too large'),
  missingParameter: (name: string) => new StorageError(400, 'MissingParameter', `Missing Required Parameter ${name}`),
  invalidParameter: (name: string, message?: string) =>
    new StorageError(400, 'InvalidParameter', message ?? `Invalid Parameter ${name}`),
  invalidRequest: (message: string) => new StorageError(400, 'InvalidRequest', message),
  notFound: () => new StorageError(404, 'InvalidRequest', 'Route not found', 'Not Found'),
  internal: (message = 'Internal server error') => new StorageError(500, 'InternalError', message),
}

interface PgError {
  code?: string
  message: string
}

/** Maps a Postgres error met while acting for a user to Storage's answer (RLS refusals become 403 AccessDenied). */
export function fromDbError(error: unknown): StorageError {
  if (error instanceof StorageError) return error
  const pgError = error as PgError
  switch (pgError?.code) {
    case '42501':
      return errors.accessDenied('new row violates row-level security policy')
    case '23505':
      return errors.keyExists()
    case '23503':
      return new StorageError(404, 'InvalidRequest', 'The related resource does not exist')
    case '22P02':
    case '22023':
      return errors.invalidRequest(pgError.message)
    default:
      return errors.internal(pgError?.message)
  }
}

/** Sends any error in Storage's shape; HEAD answers carry no body. */
export function sendError(res: ServerResponse, error: unknown, method = 'GET'): void {
  const storageError = fromDbError(error)
  if (method === 'HEAD') {
    if (!res.headersSent) res.writeHead(storageError.httpStatus).end()
    return
  }
  sendJson(res, storageError.httpStatus, storageError.render())
}
