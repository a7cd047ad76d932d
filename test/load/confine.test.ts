import { symlinkSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isInside, locateRef, realTarget } from "../../src/load/confine.js";
import { scratch } from "./helpers.js";

const ROOT = "/spec";
const BASE = "/spec/sub";

describe("locateRef: what a $ref names, decided from the string alone", () => {
  const cases: { given: string; want: string }[] = [
    { given: "#/components/schemas/Pet", want: "same-file /components/schemas/Pet" },
    { given: "#", want: "same-file " },
    { given: "", want: "same-file " },
    { given: "#/components/schemas/a~1b~0c", want: "same-file /components/schemas/a~1b~0c" },
    { given: "#/paths/~1pets%20all/get", want: "same-file /paths/~1pets all/get" },
    { given: "#/a%7E1b", want: "same-file /a~1b" },
    { given: "other.yaml", want: "file /spec/sub/other.yaml " },
    { given: "../shared/x.yml#/a/b", want: "file /spec/shared/x.yml /a/b" },
    { given: "./dir/my%20file.json", want: "file /spec/sub/dir/my file.json " },
    { given: "a/../../sub/x.yaml", want: "file /spec/sub/x.yaml " },
    { given: "../../outside.yaml", want: "refused ref-outside-root" },
    { given: "../../spec-evil/x.yaml", want: "refused ref-outside-root" },
    { given: "/etc/hostname", want: "refused ref-outside-root" },
    { given: "/spec/sub/inside-but-absolute.yaml", want: "refused ref-outside-root" },
    { given: "%2Fetc%2Fhostname", want: "refused ref-outside-root" },
    { given: "C:\\Windows\\win.ini", want: "refused ref-outside-root" },
    { given: "\\\\server\\share\\x.yaml", want: "refused ref-outside-root" },
    { given: "file:///etc/hostname", want: "refused ref-outside-root" },
    { given: "FILE:x.yaml", want: "refused ref-outside-root" },
    { given: "http://127.0.0.1:18181/remote.json", want: "refused ref-external-url" },
    { given: "https://example.com/schema.json#/a", want: "refused ref-external-url" },
    { given: "//example.com/schema.json", want: "refused ref-external-url" },
    { given: "urn:uuid:1234", want: "refused ref-external-url" },
    { given: "#Pet", want: "refused ref-invalid" },
    { given: "#/a~2b", want: "refused ref-invalid" },
    { given: "#/a%zz", want: "refused ref-invalid" },
    { given: "x.yaml?v=1", want: "refused ref-invalid" },
    { given: "x%00.yaml", want: "refused ref-invalid" },
  ];
  it.each(cases)("$given → $want", ({ given, want }) => {
    const loc = locateRef(given, BASE, ROOT);
    const got = loc.kind === "refused" ? `refused ${loc.failure.code}` : loc.kind === "file" ? `file ${loc.path} ${loc.pointer}` : `same-file ${loc.pointer}`;
    expect(got).toBe(want);
    if (loc.kind === "refused") {
      expect(loc.failure.message).toContain(JSON.stringify(given));
      expect(loc.failure.hint).toBeTruthy();
    }
  });

  it("names the option that widens the folder in the hint for out-of-root files", () => {
    const loc = locateRef("../../outside.yaml", BASE, ROOT);
    expect(loc.kind === "refused" && loc.failure.hint).toMatch(/--ref-root <dir>/);
  });
});

describe("isInside", () => {
  it.each([
    { root: "/a", p: "/a", want: true },
    { root: "/a", p: "/a/b/c", want: true },
    { root: "/a", p: "/ab", want: false },
    { root: "/a", p: "/a/../b", want: false },
    { root: "/a", p: "/a/..b", want: true },
    { root: "/", p: "/anything", want: true },
  ])("$p in $root → $want", ({ root, p, want }) => {
    expect(isInside(root, path.resolve(p))).toBe(want);
  });
});

describe("realTarget: containment after resolving symlinks", () => {
  const s = scratch({ "spec/a.yaml": "x: 1\n", "outside/secret.yaml": "secret: 1\n" });
  symlinkSync(path.join(s.dir, "outside"), path.join(s.dir, "spec/link"));
  symlinkSync(path.join(s.dir, "spec/a.yaml"), path.join(s.dir, "spec/alias.yaml"));
  afterAll(s.cleanup);
  const root = path.join(s.dir, "spec");

  it("refuses a path that leaves the folder through a symlink", () => {
    const r = realTarget(path.join(root, "link/secret.yaml"), "link/secret.yaml", root);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.failure.code).toBe("ref-outside-root");
    expect(!r.ok && r.failure.message).toMatch(/symbolic link/);
  });
  it("follows a symlink that stays inside", () => {
    expect(realTarget(path.join(root, "alias.yaml"), "alias.yaml", root)).toEqual({ ok: true, path: path.join(root, "a.yaml") });
  });
  it("reports a missing file as ref-missing", () => {
    const r = realTarget(path.join(root, "nope.yaml"), "nope.yaml", root);
    expect(!r.ok && r.failure.code).toBe("ref-missing");
  });
});
