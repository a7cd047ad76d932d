/**
 * A small keep-alive HTTP/1.1 load generator over raw sockets, so that the client costs as
 * little CPU as possible and the server under test is the bottleneck:
 *   node load.mjs <port> <connections> <seconds> <request file>
 * Each connection sends the same pre-built request, waits for the whole answer, and sends it
 * again. Prints one JSON line: requests, errors (non-200 answers or socket errors), requests/s
 * and latency percentiles in ms.
 */
import fs from "node:fs";
import net from "node:net";

const [port, connections, seconds, file] = process.argv.slice(2);
const request = fs.readFileSync(file);
const latencies = [];
let errors = 0;
let running = true;
const CRLF2 = Buffer.from("\r\n\r\n");

/** Bytes of one whole answer at the start of `buf`, or -1 if it has not all arrived. */
function answerLength(buf) {
  const end = buf.indexOf(CRLF2);
  if (end < 0) return -1;
  const head = buf.subarray(0, end).toString("latin1").toLowerCase();
  const cl = /\r\ncontent-length: *(\d+)/.exec(head);
  if (cl) return buf.length >= end + 4 + Number(cl[1]) ? end + 4 + Number(cl[1]) : -1;
  if (/\r\ntransfer-encoding: *chunked/.test(head)) {
    const last = buf.indexOf("0\r\n\r\n", end + 4);
    return last < 0 ? -1 : last + 5;
  }
  return end + 4;
}

function connection() {
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), "127.0.0.1");
    socket.setNoDelay(true);
    let buf = Buffer.alloc(0);
    let start = 0n;
    const send = () => {
      if (!running) return void socket.end(resolve);
      start = process.hrtime.bigint();
      socket.write(request);
    };
    socket.on("connect", send);
    socket.on("data", (chunk) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      const n = answerLength(buf);
      if (n < 0) return;
      if (!buf.subarray(0, 12).toString("latin1").startsWith("HTTP/1.1 200")) errors++;
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      buf = buf.subarray(n);
      send();
    });
    socket.on("error", () => {
      errors++;
      resolve();
    });
    socket.on("close", resolve);
  });
}

const began = process.hrtime.bigint();
setTimeout(() => (running = false), Number(seconds) * 1000);
await Promise.all(Array.from({ length: Number(connections) }, connection));
const elapsed = Number(process.hrtime.bigint() - began) / 1e9;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? NaN;
console.log(
  JSON.stringify({ requests: latencies.length, errors, rps: latencies.length / elapsed, p50: pct(50), p99: pct(99), max: latencies.at(-1) ?? NaN }),
);
