// What a file sent with a message may be: the types we take, how their bytes must begin, and how each is served.
// Pure rules, no I/O: the API checks an upload with them before anything is stored.

/** The content types an upload may declare, with the signature its bytes must start with (none for text). */
const allowedTypes: Record<string, { label: string; signature: ((bytes: Uint8Array) => boolean) | null }> = {
  'image/png': { label: 'a PNG image', signature: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  'image/jpeg': { label: 'a JPEG image', signature: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  'image/gif': { label: 'a GIF image', signature: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a') },
  'image/webp': { label: 'a WebP image', signature: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
  'application/pdf': { label: 'a PDF document', signature: (b) => ascii(b, 0, '%PDF-') },
  'text/plain': { label: 'plain text', signature: null },
  'text/csv': { label: 'CSV text', signature: null },
  // Office documents: Office Open XML and OpenDocument are ZIP files, the older Office formats OLE compound files.
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'a Word document', signature: isZip },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'an Excel workbook', signature: isZip },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { label: 'a PowerPoint presentation', signature: isZip },
  'application/vnd.oasis.opendocument.text': { label: 'an OpenDocument text', signature: isZip },
  'application/vnd.oasis.opendocument.spreadsheet': { label: 'an OpenDocument spreadsheet', signature: isZip },
  'application/msword': { label: 'a Word document', signature: isOle },
  'application/vnd.ms-excel': { label: 'an Excel workbook', signature: isOle },
  'application/vnd.ms-powerpoint': { label: 'a PowerPoint presentation', signature: isOle },
};

/** The content types an upload may declare, for the documentation and the console's file picker. */
export const allowedAttachmentTypes = Object.keys(allowedTypes);

/** Images a browser shows inline. SVG is not among them: it can carry script, so it is not accepted at all. */
const inlineImageTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export const defaultAttachmentMaxBytes = 10 * 1024 * 1024;
/** Files one message may carry. */
export const maxAttachmentsPerMessage = 10;

/** The declared type without its parameters, lower-cased: "Image/PNG; x=1" is "image/png". */
export function baseContentType(declared: string | undefined): string {
  return (declared ?? '').split(';')[0]!.trim().toLowerCase();
}

export type UploadVerdict = { ok: true; contentType: string } | { ok: false; reason: 'type' | 'signature' | 'empty'; message: string };

/** Whether these bytes, declared as this type, may be stored: an allowed type whose bytes are what it claims. */
export function checkUpload(declared: string | undefined, bytes: Uint8Array): UploadVerdict {
  const contentType = baseContentType(declared);
  const rule = allowedTypes[contentType];
  if (!rule) {
    return {
      ok: false,
      reason: 'type',
      message: `${contentType || 'A file without a Content-Type'} is not accepted; send images (PNG, JPEG, GIF, WebP), PDF, plain text, CSV or Office documents`,
    };
  }
  if (bytes.length === 0) return { ok: false, reason: 'empty', message: 'The file is empty' };
  const matches = rule.signature ? rule.signature(bytes) : !bytes.includes(0);
  if (!matches) return { ok: false, reason: 'signature', message: `The file's content is not ${rule.label}, as its Content-Type ${contentType} says` };
  return { ok: true, contentType };
}

/** Images are shown in the page; anything else is downloaded, never rendered by the browser. */
export function isInlineImage(contentType: string): boolean {
  return inlineImageTypes.has(contentType);
}

/** A file name fit to store and show: no path, no control characters, at most 255 characters; never empty. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return [...(cleaned || 'file')].slice(0, 255).join('');
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function ascii(bytes: Uint8Array, offset: number, text: string): boolean {
  return [...text].every((char, index) => bytes[offset + index] === char.charCodeAt(0));
}

function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
}

function isOle(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
}

/** Where an attachment is fetched, below the API's origin. */
export function attachmentPath(attachmentId: string): string {
  return `/api/v1/attachments/${attachmentId}`;
}
