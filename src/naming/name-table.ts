/**
 * Hands out unique names in one namespace. Requests are made in a deterministic order by the
 * caller (sorted), so the same spec always yields the same names; a clash gets the lowest
 * free numeric suffix (`Pet`, `Pet2`, …) and is reported, since a silently renamed type
 * would surprise the user.
 */
export class NameTable {
  private readonly taken = new Set<string>();
  /** Compare case-insensitively when the names become file names (macOS/Windows). */
  constructor(private readonly caseInsensitive = false) {}

  private norm(name: string): string {
    return this.caseInsensitive ? name.toLowerCase() : name;
  }

  has(name: string): boolean {
    return this.taken.has(this.norm(name));
  }

  /** Reserves `name` or, if taken, `name2`, `name3`… Returns what was reserved. */
  claim(name: string, separator = ""): { name: string; renamed: boolean } {
    if (!this.has(name)) {
      this.taken.add(this.norm(name));
      return { name, renamed: false };
    }
    for (let i = 2; ; i++) {
      const candidate = `${name}${separator}${i}`;
      if (!this.has(candidate)) {
        this.taken.add(this.norm(candidate));
        return { name: candidate, renamed: true };
      }
    }
  }
}
