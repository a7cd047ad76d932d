/**
 * A string-length check on the raw bytes of a big JSON file, before it is decoded.
 *
 * Decoding needs the bytes and the text in memory at once: a 50 MB file with one 50 MB
 * string peaked at 215 MB in a process whose modules take 110 MB, only to be refused by the
 * scan that follows. In UTF-8 the bytes `"` and `\` never occur inside a multi-byte
 * character, so strings can be delimited on the bytes with native `indexOf` searches. A
 * UTF-16 code unit takes at most 3 bytes, so a string of more than 3 × `maxString` bytes
 * is certainly longer than `maxString` code units; shorter ones are left to the exact
 * check of the JSON scan, after decoding.
 */
export interface RawTooLong {
  /** 1-based line and column (in UTF-16 code units) of the string's opening quote. */
  line: number;
  column: number;
  bytes: number;
}

export function findRawLongString(bytes: Uint8Array, maxString: number): RawTooLong | undefined {
  const limit = 3 * maxString;
  if (bytes.length <= limit) return undefined;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = buf.indexOf(0x22);
  while (at >= 0) {
    const open = at;
    // The closing quote: the next `"` preceded by an even number of backslashes.
    let close = buf.indexOf(0x22, open + 1);
    while (close >= 0 && escaped(buf, close)) close = buf.indexOf(0x22, close + 1);
    const end = close < 0 ? buf.length : close;
    if (end - open - 1 > limit) return { ...position(buf, open), bytes: end - open - 1 };
    if (close < 0) return undefined; // unterminated: the JSON scan reports it
    at = buf.indexOf(0x22, close + 1);
  }
  return undefined;
}

function escaped(buf: Buffer, quote: number): boolean {
  let n = 0;
  for (let i = quote - 1; i >= 0 && buf[i] === 0x5c; i--) n++;
  return n % 2 === 1;
}

/** Line and column as `LineIndex` counts them (LF, CRLF or lone CR end a line). */
function position(buf: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = buf[i];
    if (c === 0x0a || (c === 0x0d && buf[i + 1] !== 0x0a)) {
      line++;
      start = i + 1;
    }
  }
  const column = new TextDecoder().decode(buf.subarray(start, offset)).length + 1;
  return { line, column };
}
