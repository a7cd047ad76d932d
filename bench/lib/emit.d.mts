/** Types of emit.mjs, for the tests that emit the TypeScript runtime to run it in child processes. */
export function flag(name: string, fallback?: string): string | undefined;
export function emitJs(options: { files: string[]; rootDir: string; outDir: string; extra?: string[] }): void;
