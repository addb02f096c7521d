// Document sources for uploads: a file path, bytes, a stream, or a function that opens a stream afresh.
import { open } from "node:fs/promises";
import { basename } from "node:path";

/**
 * What an upload reads: a file path; bytes; any async iterable of bytes (a Node Readable, a web
 * ReadableStream); or a function returning one, called once per attempt. Paths, bytes and functions can be read
 * again, so a failed upload of them may be retried; a stream, once read from, cannot.
 */
export type Source =
  | string
  | Uint8Array
  | AsyncIterable<Uint8Array | string>
  | (() => AsyncIterable<Uint8Array | string>);

export const CHUNK_SIZE = 64 * 1024; // the server's limit per message

export interface Opened {
  name: string;
  chunks: AsyncIterable<Uint8Array>;
  readBytes: () => number;
  /** The size when known in advance (a path once opened, bytes), else 0. */
  size: () => number;
}

/** Opens a source for one attempt: chunks of at most CHUNK_SIZE bytes, counting what was read. */
export function openSource(src: Source): Opened {
  let name = "";
  let size = 0;
  let it: AsyncIterable<Uint8Array | string>;
  if (typeof src === "string") {
    name = basename(src);
    it = readFile(src, (n) => { size = n; });
  } else if (src instanceof Uint8Array) {
    size = src.length;
    it = (async function* () { yield src; })();
  } else if (typeof src === "function") {
    it = src();
  } else if (src && typeof (src as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function") {
    it = src;
    const path = (src as { path?: unknown }).path;
    if (typeof path === "string") name = basename(path);
  } else {
    throw new TypeError("upload source must be a path, bytes, an async iterable of bytes or a function returning one");
  }
  let read = 0;
  return {
    name,
    readBytes: () => read,
    size: () => size,
    chunks: (async function* () {
      for await (const part of it) {
        const b = typeof part === "string" ? new TextEncoder().encode(part) : part;
        read += b.length;
        for (let i = 0; i < b.length; i += CHUNK_SIZE) yield b.subarray(i, Math.min(i + CHUNK_SIZE, b.length));
      }
    })(),
  };
}

/** Whether a source can be read again for a retry. */
export function replayable(src: Source): boolean {
  return typeof src === "string" || src instanceof Uint8Array || typeof src === "function";
}

/** The content type by the first bytes (informational: the server decides by the bytes too). */
export function sniffType(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "image/jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((v, i) => head[i] === v)) return "image/png";
  return "application/octet-stream";
}

/**
 * Reads a file in CHUNK_SIZE pieces; opening it inside the iteration makes a missing file the upload's error.
 * A regular file's size is reported before the first piece.
 */
async function* readFile(path: string, onSize: (n: number) => void): AsyncGenerator<Uint8Array> {
  const fh = await open(path, "r");
  try {
    const st = await fh.stat();
    if (st.isFile()) onSize(st.size);
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK_SIZE);
      const { bytesRead } = await fh.read(buf, 0, CHUNK_SIZE, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}
