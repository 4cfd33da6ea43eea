import { createHash, createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { AttachmentStore } from './attachment-store.ts';
import { assertSafeKey } from './attachment-store.ts';

export interface S3Options {
  /** The service's origin, e.g. https://s3.eu-central-1.amazonaws.com or http://minio:9000. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Optional folder within the bucket. */
  prefix?: string;
}

/**
 * Attachments in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, ...): three object calls, PUT, GET and
 * DELETE, signed with AWS Signature Version 4 in path style (endpoint/bucket/key), which every such service takes.
 * A small adapter of our own rather than the AWS SDK, which would weigh more than the rest of the API.
 */
export function createS3Store(options: S3Options): AttachmentStore {
  const endpoint = new URL(options.endpoint);
  const objectUrl = (key: string) => {
    assertSafeKey(key);
    const segments = [options.bucket, ...(options.prefix ? options.prefix.split('/').filter(Boolean) : []), ...key.split('/')];
    const base = endpoint.pathname.replace(/\/+$/, '');
    return new URL(`${endpoint.origin}${base}/${segments.map(encodeS3).join('/')}`);
  };
  async function call(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer, contentType?: string): Promise<Response> {
    const url = objectUrl(key);
    const headers = signS3Request({ method, url, body, contentType, options, now: new Date() });
    // 30 s to answer; then the body streams at the reader's pace (a 10 MiB file to a slow phone takes longer).
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`S3 ${method} did not answer in 30 s`)), 30_000);
    try {
      return await fetch(url, { method, headers, ...(body ? { body } : {}), signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  }
  return {
    kind: 's3',
    async put(key, bytes, contentType) {
      const response = await call('PUT', key, bytes, contentType);
      if (!response.ok) throw new Error(`S3 PUT ${key} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    },
    async get(key) {
      const response = await call('GET', key);
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok || !response.body) throw new Error(`S3 GET ${key} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    },
    async delete(key) {
      const response = await call('DELETE', key);
      if (!response.ok && response.status !== 404) throw new Error(`S3 DELETE ${key} answered ${response.status}`);
    },
  };
}

/** The headers that sign one S3 request (AWS Signature Version 4, the payload hashed). Exported for its unit test. */
export function signS3Request(request: {
  method: string;
  url: URL;
  body?: Buffer | undefined;
  contentType?: string | undefined;
  options: Pick<S3Options, 'region' | 'accessKeyId' | 'secretAccessKey'>;
  now: Date;
}): Record<string, string> {
  const { method, url, body, contentType, options, now } = request;
  const amzDate = now.toISOString().replace(/[:-]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = sha256(body ?? Buffer.alloc(0));
  const headers: Record<string, string> = {
    host: url.host,
    'x-amz-content-sha256': payloadHash,
    'x-amz-date': amzDate,
    ...(contentType ? { 'content-type': contentType } : {}),
  };
  const names = Object.keys(headers).sort();
  const canonicalQuery = [...url.searchParams]
    .map(([name, value]) => `${encodeS3(name)}=${encodeS3(value)}`)
    .sort()
    .join('&');
  const canonicalRequest = [
    method,
    url.pathname,
    canonicalQuery,
    names.map((name) => `${name}:${headers[name]!.trim()}\n`).join(''),
    names.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${day}/${options.region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key: Buffer = hmac(`AWS4${options.secretAccessKey}`, day);
  for (const part of [options.region, 's3', 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  const { host: _host, ...sent } = headers;
  return {
    ...sent,
    authorization: `AWS4-HMAC-SHA256 Credential=${options.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

/** RFC 3986 encoding, as Signature Version 4 wants it (encodeURIComponent leaves !'()* alone). */
function encodeS3(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}
