/** Types of deliver.mjs, for test/durable. */
export function requestBytes(path: string, headers: Record<string, string>, body: string): Buffer;
export function deliver(port: number, requests: readonly Buffer[], connections: number): Promise<{ statuses: number[]; latencies: number[] }>;
