/** The CLI's exit codes (README "Usage"): its own module, so that bin.ts answers usage errors without loading the generator. */
export const EXIT = { ok: 0, drift: 1, badInput: 2, internal: 3 } as const;
