/** Seeded generators for the fuzz test's non-JSON surfaces: multipart uploads, events-socket frames and SIP messages. */
import { mutateJson, mutateText, randomJson, type FuzzContext, type Random } from './fuzz-inputs.js';

/** File headers (magic bytes and a little more) of formats the type sniffer knows; uploads cut them short. */
const FILE_HEADERS: Record<string, number[] | string> = {
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1],
  jpeg: [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01],
  gif: 'GIF89a\x01\x00\x01\x00\x80\x00\x00',
  webp: 'RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00',
  wav: 'RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00',
  avi: 'RIFF\x24\x00\x00\x00AVI LIST\x10\x00\x00\x00',
  tiffLE: [0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x01, 0x03, 0x00],
  tiffBE: [0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x02, 0x01, 0x00],
  cr2: [0x49, 0x49, 0x2a, 0x00, 0x10, 0x00, 0x00, 0x00, 0x43, 0x52, 0x02, 0x00],
  ebml: [0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d],
  mp4: [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 0, 1, 0x69, 0x73, 0x6f, 0x6d],
  mov: [0, 0, 0, 0x14, 0x66, 0x74, 0x79, 0x70, 0x71, 0x74, 0x20, 0x20],
  heic: [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63],
  pdf: '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj',
  zip: 'PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x13\x00\x00\x00[Content_Types].xml',
  ogg: 'OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x1e\x01vorbis',
  mp3: [0x49, 0x44, 0x33, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x21, 0xff, 0xfb, 0x90, 0x64],
  flac: 'fLaC\x00\x00\x00\x22',
  bmp: 'BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00',
  gzip: [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00],
  exe: 'MZ\x90\x00\x03\x00\x00\x00\x04\x00',
  elf: '\x7fELF\x02\x01\x01\x00',
  sqlite: 'SQLite format 3\x00\x10\x00',
  asf: [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa],
  psd: '8BPS\x00\x01\x00\x00',
  sevenZip: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04],
  xz: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00],
  woff: 'wOFF\x00\x01\x00\x00',
  mpegTs: [0x47, 0x40, 0x00, 0x10, 0x00],
  text: 'hello, plain text\n',
};

const bytesOf = (header: number[] | string): Buffer => (typeof header === 'string' ? Buffer.from(header, 'latin1') : Buffer.from(header));

/** A (usually cut-off) file: a known header truncated at a random point, sometimes with a random tail. */
export function truncatedFile(random: Random): { format: string; bytes: Buffer } {
  const format = random.pick(Object.keys(FILE_HEADERS));
  const full = bytesOf(FILE_HEADERS[format]!);
  const cut = full.subarray(0, 1 + random.int(full.length));
  return { format, bytes: random.chance(0.3) ? Buffer.concat([cut, random.bytes(random.int(64))]) : cut };
}

/** A multipart upload with a random boundary, part order, part headers and file contents. */
export function uploadRequest(random: Random, context: FuzzContext): { contentType: string; body: Buffer; label: string } {
  const boundary = random.pick([`----fz${random.int(1e9)}`, '', 'a'.repeat(5000), 'x'.repeat(70), 'x'.repeat(71), 'b"q', 'semi;colon', random.printable(20).replace(/[\s"]/g, '-')]);
  const contentType = random.pick([
    `multipart/form-data; boundary=${boundary}`, `multipart/form-data; boundary=${boundary}`, 'multipart/form-data',
    `multipart/form-data; boundary="${boundary}"`, `multipart/mixed; boundary=${boundary}`, `multipart/form-data; charset=utf-8; boundary=${boundary}`,
    'application/octet-stream',
  ]);
  const file = truncatedFile(random);
  const conversation = random.chance(0.8) ? context.conversationId : random.pick(['', 'conv_x', random.text(40)]);
  const field = () => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="conversationId"\r\n\r\n${conversation}\r\n`, 'utf8');
  const filePart = () => Buffer.concat([
    Buffer.from(
      `--${boundary}\r\n${random.chance(0.9) ? `Content-Disposition: form-data; name="${random.pick(['file', 'file', 'other', ''])}"; filename="${random.pick(['a.bin', '../../x.png', 'é.pdf', '', random.printable(30).replace(/"/g, '')])}"\r\n` : ''}` +
        `${random.chance(0.8) ? `Content-Type: ${random.pick(['application/octet-stream', 'image/png', 'image/tiff', 'video/webm', 'text/plain', 'application/pdf', random.printable(15)])}\r\n` : ''}\r\n`,
      'utf8',
    ),
    file.bytes,
    Buffer.from('\r\n'),
  ]);
  const order = random.pick([['field', 'file'], ['field', 'file'], ['file', 'field'], ['file'], ['field'], ['field', 'field', 'file'], ['field', 'file', 'file'], []]);
  const parts = order.map((part) => (part === 'field' ? field() : filePart()));
  const end = Buffer.from(random.pick([`--${boundary}--\r\n`, `--${boundary}--\r\n`, '', `--${boundary}`, '--\r\n']));
  let body = Buffer.concat([...parts, end]);
  if (random.chance(0.15)) body = Buffer.from(mutateText(random, body.toString('latin1')), 'latin1');
  return { contentType, body, label: `${file.format}/${file.bytes.length}B/${order.join('+')}/boundary ${boundary.length}` };
}

/** One client frame for the events socket: valid, mutated, random, binary or too large. */
export function eventsFrame(random: Random, context: FuzzContext): string | Buffer {
  const jwt = random.pick([context.customerJwt, context.agentJwt, context.orphanJwt, context.expiredJwt, mutateText(random, context.customerJwt), '']);
  const valid = random.pick<unknown>([
    { type: 'auth', jwt },
    { type: 'ping', id: random.text(10) },
    { type: 'pong' },
    { type: 'typing', conversationId: random.chance(0.7) ? context.conversationId : random.text(40), active: random.chance(0.5) },
  ]);
  return random.pick([
    () => JSON.stringify(valid),
    () => JSON.stringify(valid),
    () => JSON.stringify(mutateJson(random, valid)),
    () => JSON.stringify(randomJson(random)),
    () => mutateText(random, JSON.stringify(valid)),
    () => random.bytes(1 + random.int(64)),
    () => JSON.stringify({ type: 'ping', id: 'x'.repeat(17 * 1024) }),
    () => random.pick(['null', '[]', '0', '""', '{}', '{"type":"auth","jwt":null}']),
  ])();
}

/** Real dialog facts a SIP generator may aim at: the registered agent's contact and Call-IDs. */
export interface SipTarget { agentContact: string; callIds: string[] }

/** One SIP message aimed at the edge: requests in and out of dialog, responses with edge-like branches, then mutated. */
export function sipMessage(random: Random, target: SipTarget): string {
  const callId = random.chance(0.6) ? random.pick(target.callIds) : `fz-${random.int(1e9)}`;
  const branch = random.chance(0.5) ? `z9hG4bKomni${random.bytes(8).toString('hex')}` : `z9hG4bK${random.int(1e9)}`;
  const contact = random.chance(0.6) ? target.agentContact : `sip:fz${random.int(1000)}@fz.invalid;transport=ws`;
  const method = random.pick(['INVITE', 'REGISTER', 'BYE', 'ACK', 'CANCEL', 'OPTIONS', 'INFO', 'UPDATE', 'REFER', 'NOTIFY', 'MESSAGE', 'PRACK', 'SUBSCRIBE', 'FOO']);
  const inDialog = random.chance(0.5);
  const uri = random.pick([target.agentContact, 'sip:support@omni.local', 'sip:omni.local', `sip:${random.printable(10).replace(/[\s<>;@:]/g, '')}@x`]);
  const authorization = random.chance(0.3)
    ? [`Authorization: Digest username="${random.pick(['123:a-YWdlbnQ6eA', `${2 ** 40}:c-Y3VzdG9tZXI6ZGVtbzp4`, random.printable(12)])}", realm="omni.local", nonce="${random.printable(20).replace(/"/g, '')}", uri="${uri}", response="${random.bytes(16).toString('hex')}", qop=auth, nc=00000001, cnonce="c"`]
    : [];
  const body = random.chance(0.3) ? 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n' : '';
  const head = random.chance(0.2)
    ? [`SIP/2.0 ${random.pick([100, 180, 200, 401, 486, 487, 603, 699])} Whatever`]
    : [`${method} ${uri} SIP/2.0`];
  const lines = [
    ...head,
    `Via: SIP/2.0/WSS fz.invalid;branch=${branch}`,
    'Max-Forwards: 70',
    `From: <sip:fz@omni.local>;tag=${random.int(1e6)}`,
    `To: <${uri}>${inDialog ? `;tag=${random.int(1e6)}` : ''}`,
    `Call-ID: ${callId}`,
    `CSeq: ${random.pick([1, 2, 99, 0, -1, 2 ** 32])} ${random.chance(0.9) ? method : 'INVITE'}`,
    `Contact: <${contact}>${random.chance(0.3) ? ';expires=0' : ''}`,
    ...(random.chance(0.3) ? [`Expires: ${random.pick(['0', '3600', '-5', 'soon', '99999999999'])}`] : []),
    ...authorization,
    `Content-Length: ${random.chance(0.9) ? Buffer.byteLength(body) : random.int(500)}`,
  ];
  for (let edits = random.int(3); edits > 0; edits -= 1) {
    const at = 1 + random.int(lines.length - 1);
    switch (random.int(4)) {
      case 0: lines.splice(at, 1); break;
      case 1: lines.splice(at, 0, lines[at]!); break;
      case 2: lines[at] = lines[at]!.replace(/^(Via|From|To|Call-ID|Contact):/, (name) => ({ 'Via:': 'v:', 'From:': 'f:', 'To:': 't:', 'Call-ID:': 'i:', 'Contact:': 'm:' })[name] ?? name); break;
      default: lines.splice(at, 0, `X-Fz: ${'y'.repeat(random.pick([10, 5000]))}`);
    }
  }
  const text = `${lines.join('\r\n')}\r\n\r\n${body}`;
  return random.chance(0.35) ? mutateText(random, text) : text;
}
