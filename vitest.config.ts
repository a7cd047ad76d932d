import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Corpus generation and type-checking are CPU-heavy; run files in parallel
    // on the two CI cores but give slow suites room.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    // Says once, at the end, which tests were skipped for want of the shared corpus and
    // vectors, and how to get them (test/support/shared.ts finds them).
    globalSetup: ["test/support/shared-setup.ts"],
  },
});
