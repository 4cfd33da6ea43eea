import { describe, expect, it } from 'vitest';
import { checkUpload, cleanFileName, isInlineImage } from './attachments.ts';

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const text = (value: string) => new TextEncoder().encode(value);

describe('checkUpload', () => {
  it('takes an allowed type whose bytes are what it says, whatever the case and parameters of the type', () => {
    expect(checkUpload('Image/PNG; q=1', png)).toEqual({ ok: true, contentType: 'image/png' });
    expect(checkUpload('image/jpeg', jpeg)).toEqual({ ok: true, contentType: 'image/jpeg' });
    expect(checkUpload('image/gif', text('GIF89a....'))).toMatchObject({ ok: true });
    expect(checkUpload('image/webp', text('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toMatchObject({ ok: true });
    expect(checkUpload('application/pdf', text('%PDF-1.7'))).toMatchObject({ ok: true });
    expect(checkUpload('text/plain; charset=utf-8', text('Order 42, größe M'))).toMatchObject({ ok: true });
    expect(checkUpload('application/vnd.openxmlformats-officedocument.wordprocessingml.document', Uint8Array.from([0x50, 0x4b, 3, 4]))).toMatchObject({ ok: true });
  });

  it('refuses a type it does not list, SVG and HTML among them, and a missing type', () => {
    for (const type of ['image/svg+xml', 'text/html', 'application/xhtml+xml', 'application/octet-stream', 'application/javascript', undefined]) {
      expect(checkUpload(type, text('<svg/>')), String(type)).toMatchObject({ ok: false, reason: 'type' });
    }
  });

  it('refuses bytes that are not what the type says: a JPEG sent as PNG, text as an image, binary as text', () => {
    expect(checkUpload('image/png', jpeg)).toMatchObject({ ok: false, reason: 'signature', message: "The file's content is not a PNG image, as its Content-Type image/png says" });
    expect(checkUpload('image/jpeg', text('<html><script>'))).toMatchObject({ ok: false, reason: 'signature' });
    expect(checkUpload('text/plain', png)).toMatchObject({ ok: false, reason: 'signature' });
    expect(checkUpload('image/png', png.slice(0, 4))).toMatchObject({ ok: false, reason: 'signature' });
  });

  it('refuses an empty file of an allowed type', () => {
    expect(checkUpload('image/png', new Uint8Array())).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('isInlineImage', () => {
  it('shows raster images inline and nothing else', () => {
    expect(['image/png', 'image/jpeg', 'image/gif', 'image/webp'].every(isInlineImage)).toBe(true);
    expect(['image/svg+xml', 'application/pdf', 'text/plain', 'text/html'].some(isInlineImage)).toBe(false);
  });
});

describe('cleanFileName', () => {
  it('keeps the name without any path, control or direction characters, within 255 characters, and never empty', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\jo\\receipt.png')).toBe('receipt.png');
    expect(cleanFileName('inv\u202Egnp.exe\u0000')).toBe('invgnp.exe');
    expect(cleanFileName('   ')).toBe('file');
    expect(cleanFileName(undefined)).toBe('file');
    expect([...cleanFileName('é'.repeat(300))]).toHaveLength(255);
  });
});
