/**
 * Sends many different pre-built requests over a few keep-alive HTTP/1.1 connections on raw
 * sockets (load.mjs sends one request over and over; deliveries each need their own id and
 * signature). A client this thin leaves the CPU to the receiver and workers being measured.
 */
import net from "node:net";

const CRLF2 = Buffer.from("\r\n\r\n");

/** The bytes of a POST to `path` on loopback. */
export function requestBytes(path, headers, body) {
  const bytes = Buffer.from(body);
  const lines = [`POST ${path} HTTP/1.1`, "host: 127.0.0.1", `content-length: ${bytes.length}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return Buffer.concat([Buffer.from(lines.join("\r\n") + "\r\n\r\n", "latin1"), bytes]);
}

/** Bytes of one whole answer at the start of `buf`, or -1 if it has not all arrived. */
function answerLength(buf) {
  const end = buf.indexOf(CRLF2);
  if (end < 0) return -1;
  const head = buf.subarray(0, end).toString("latin1");
  const cl = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (!cl && /\r\ntransfer-encoding: *chunked/i.test(head)) {
    const last = buf.indexOf("0\r\n\r\n", end + 4);
    return last < 0 ? -1 : last + 5;
  }
  const length = end + 4 + (cl ? Number(cl[1]) : 0);
  return buf.length >= length ? length : -1;
}

/**
 * Sends `requests` (Buffers) over `connections` sockets, each taking the next unsent one when
 * its previous answer is in. Resolves to each request's status (0 when its connection failed)
 * and its time to the answer, in ms. A connection the server closes is reopened.
 */
export async function deliver(port, requests, connections) {
  const statuses = new Array(requests.length).fill(0);
  const latencies = new Array(requests.length).fill(0);
  let next = 0;
  const run = () =>
    new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.setNoDelay(true);
      let buf = Buffer.alloc(0);
      let current = -1;
      let start = 0;
      const send = () => {
        if (next >= requests.length) return void socket.end();
        current = next++;
        start = performance.now();
        socket.write(requests[current]);
      };
      socket.on("connect", send);
      socket.on("data", (chunk) => {
        buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
        const n = answerLength(buf);
        if (n < 0) return;
        statuses[current] = Number(buf.subarray(9, 12).toString("latin1"));
        latencies[current] = performance.now() - start;
        const closing = /\r\nconnection: *close/i.test(buf.subarray(0, n).toString("latin1"));
        buf = buf.subarray(n);
        current = -1;
        if (closing) socket.end();
        else send();
      });
      socket.on("error", () => {});
      socket.on("close", () => {
        // A connection closed under us: its request stays at 0 (failed); go on with a new one.
        resolve(next < requests.length ? run() : undefined);
      });
    });
  await Promise.all(Array.from({ length: Math.min(connections, requests.length) }, run));
  return { statuses, latencies };
}
