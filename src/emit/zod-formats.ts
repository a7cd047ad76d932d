/**
 * `format` in generated Zod. JSON Schema 2020-12 makes `format` an annotation unless the
 * validator opts in to assertion, and so does gen-callbacks: `formats: "annotate"` is the
 * default, `formats: "assert"` opts in. The default is not a shortcut but a measurement:
 * on GitHub's 327 example payloads, asserting formats rejects 8 more in strict mode (207
 * instead of Ajv's 215) and 28 more in tolerant mode (291 instead of 319), almost all of
 * them `"homepage": ""` under `format: uri` — provider drift a receiver must survive.
 * The required JSON-Schema-Test-Suite `format.json` expects annotation too; the optional
 * format tests run with assertion on.
 *
 * Three kinds of names:
 * - asserted (with `formats: "assert"`): checked by a predicate below, written from the
 *   RFC each cites, applied only to instances of the format's type (`date-time` ignores
 *   numbers);
 * - known annotations: names in the OpenAPI format registry or JSON Schema whose check we
 *   deliberately skip (`binary`, `password`, `float`, the IDN/IRI and `uri-template` families);
 * - anything else: unknown, base type only, one `schema-unknown-format` warning per name
 *   (a misspelt `date_time` would otherwise never be asserted).
 */

export interface FormatCheck {
  /** The instance type the format constrains. */
  type: "string" | "number";
  /** Name of the predicate helper in the generated runtime. */
  predicate: string;
}

export const ASSERTED_FORMATS: Readonly<Record<string, FormatCheck>> = {
  date: { type: "string", predicate: "$isDate" },
  time: { type: "string", predicate: "$isTime" },
  "date-time": { type: "string", predicate: "$isDateTime" },
  duration: { type: "string", predicate: "$isDuration" },
  email: { type: "string", predicate: "$isEmail" },
  hostname: { type: "string", predicate: "$isHostname" },
  ipv4: { type: "string", predicate: "$isIpv4" },
  ipv6: { type: "string", predicate: "$isIpv6" },
  uri: { type: "string", predicate: "$isUri" },
  "uri-reference": { type: "string", predicate: "$isUriReference" },
  uuid: { type: "string", predicate: "$isUuid" },
  "json-pointer": { type: "string", predicate: "$isJsonPointer" },
  "relative-json-pointer": { type: "string", predicate: "$isRelativeJsonPointer" },
  regex: { type: "string", predicate: "$isRegex" },
  byte: { type: "string", predicate: "$isByte" },
  int32: { type: "number", predicate: "$isInt32" },
  int64: { type: "number", predicate: "$isInt64" },
};

export const ANNOTATION_FORMATS: ReadonlySet<string> = new Set([
  "binary",
  "password",
  "float",
  "double",
  "uri-template",
  "iri",
  "iri-reference",
  "idn-email",
  "idn-hostname",
]);

/**
 * Source of the predicate helpers (TypeScript, strict-clean). Each takes a value already
 * known to be of the format's type. Dependencies are listed in `FORMAT_HELPER_DEPS`.
 */
export const FORMAT_HELPER_SOURCES: Readonly<Record<string, string>> = {
  $isDate: `/** RFC 3339 full-date, with the real number of days in the month. */
function $isDate(s: string): boolean {
  const m = /^(\\d{4})-(\\d{2})-(\\d{2})$/.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}`,
  $isTime: `/** RFC 3339 full-time; a leap second must fall on 23:59:60 UTC. */
function $isTime(s: string): boolean {
  const m = /^(\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?(?:([zZ])|([+-])(\\d{2}):(\\d{2}))$/.exec(s);
  if (!m) return false;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3]);
  const offset = m[4] ? 0 : (m[5] === "-" ? -1 : 1) * (Number(m[6]) * 60 + Number(m[7]));
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (!m[4] && (Number(m[6]) > 23 || Number(m[7]) > 59)) return false;
  if (second < 60) return true;
  const utc = (((hour * 60 + minute - offset) % 1440) + 1440) % 1440;
  return utc === 23 * 60 + 59;
}`,
  $isDateTime: `/** RFC 3339 date-time (\`T\` separator, either case). */
function $isDateTime(s: string): boolean {
  const t = s.search(/[tT]/);
  return t === 10 && $isDate(s.slice(0, t)) && $isTime(s.slice(t + 1));
}`,
  $isDuration: `/** RFC 3339 appendix A duration. */
function $isDuration(s: string): boolean {
  return /^P(?:\\d+W|(?:\\d+Y(?:\\d+M(?:\\d+D)?)?|\\d+M(?:\\d+D)?|\\d+D)(?:T(?:\\d+H(?:\\d+M(?:\\d+S)?)?|\\d+M(?:\\d+S)?|\\d+S))?|T(?:\\d+H(?:\\d+M(?:\\d+S)?)?|\\d+M(?:\\d+S)?|\\d+S))$/.test(s);
}`,
  $isHostname: `/** RFC 1123 host name: LDH labels of 1 to 63 characters, 253 in all. */
function $isHostname(s: string): boolean {
  if (s.length === 0 || s.length > 253) return false;
  return s.split(".").every((label) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
}`,
  $isEmail: `/**
 * RFC 5321 mailbox: dot-atom or quoted local part; a domain of two or more labels, or an
 * address literal.
 */
function $isEmail(s: string): boolean {
  const at = s.lastIndexOf("@");
  if (at <= 0 || at === s.length - 1) return false;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  const dotAtom = /^[A-Za-z0-9!#$%&'*+/=?^_\`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_\`{|}~-]+)*$/;
  const quoted = /^"(?:[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\x20-\\x7e])*"$/;
  if (!dotAtom.test(local) && !quoted.test(local)) return false;
  if (domain.startsWith("[") && domain.endsWith("]")) {
    const literal = domain.slice(1, -1);
    return /^ipv6:/i.test(literal) ? $isIpv6(literal.slice(5)) : $isIpv4(literal);
  }
  return domain.includes(".") && $isHostname(domain);
}`,
  $isIpv4: `/** Dotted-quad IPv4 without leading zeros. */
function $isIpv4(s: string): boolean {
  return /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/.test(s);
}`,
  $isIpv6: `/** RFC 4291 §2.2 text forms, including one \`::\` and a trailing IPv4 part; no zone id. */
function $isIpv6(s: string): boolean {
  let head = s;
  let ipv4Groups = 0;
  const lastColon = s.lastIndexOf(":");
  if (lastColon >= 0 && s.includes(".", lastColon)) {
    if (!$isIpv4(s.slice(lastColon + 1))) return false;
    head = s.slice(0, lastColon + 1) + "0";
    ipv4Groups = 1;
  }
  const halves = head.split("::");
  if (halves.length > 2) return false;
  const groups = (x: string): string[] => (x === "" ? [] : x.split(":"));
  const all = [...groups(halves[0] ?? ""), ...(halves.length === 2 ? groups(halves[1] ?? "") : [])];
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const count = all.length + ipv4Groups;
  return halves.length === 2 ? count <= 7 : count === 8;
}`,
  $isUriReference: `/** RFC 3986 URI-reference. */
function $isUriReference(s: string): boolean {
  return $uriParts(s, false);
}`,
  $isUri: `/** RFC 3986 URI (a scheme is required). */
function $isUri(s: string): boolean {
  return $uriParts(s, true);
}`,
  $uriParts: `/** Splits per RFC 3986 appendix B, then checks every component against its grammar. */
function $uriParts(s: string, requireScheme: boolean): boolean {
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\\/\\/([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#(.*))?$/s.exec(s);
  if (!m) return false;
  const [, scheme, authority, path = "", query, fragment] = m;
  const pchar = "(?:[A-Za-z0-9\\\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})";
  if (requireScheme && scheme === undefined) return false;
  if (authority !== undefined && !$uriAuthority(authority)) return false;
  if (!new RegExp("^(?:" + pchar + "|/)*$").test(path)) return false;
  if (scheme === undefined && authority === undefined && !path.startsWith("/") && (path.split("/")[0] ?? "").includes(":")) return false;
  const rest = new RegExp("^(?:" + pchar + "|[/?])*$");
  return (query === undefined || rest.test(query)) && (fragment === undefined || rest.test(fragment));
}`,
  $uriAuthority: `/** RFC 3986 §3.2 authority: [ userinfo "@" ] host [ ":" port ]. */
function $uriAuthority(authority: string): boolean {
  const at = authority.indexOf("@");
  const userinfo = at >= 0 ? authority.slice(0, at) : "";
  let hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  if (!/^(?:[A-Za-z0-9\\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})*$/.test(userinfo)) return false;
  if (hostPort.startsWith("[")) {
    const close = hostPort.indexOf("]");
    if (close < 0) return false;
    const literal = hostPort.slice(1, close);
    if (!$isIpv6(literal) && !/^[vV][0-9A-Fa-f]+\\.[A-Za-z0-9\\-._~!$&'()*+,;=:]+$/.test(literal)) return false;
    hostPort = hostPort.slice(close + 1);
    return /^(?::[0-9]*)?$/.test(hostPort);
  }
  return /^(?:[A-Za-z0-9\\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*(?::[0-9]*)?$/.test(hostPort);
}`,
  $isUuid: `/** RFC 4122 textual UUID. */
function $isUuid(s: string): boolean {
  return /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/.test(s);
}`,
  $isJsonPointer: `/** RFC 6901 JSON pointer. */
function $isJsonPointer(s: string): boolean {
  return /^(?:\\/(?:[^~/]|~0|~1)*)*$/.test(s);
}`,
  $isRelativeJsonPointer: `/** Relative JSON pointer (draft-bhutton-relative-json-pointer-00). */
function $isRelativeJsonPointer(s: string): boolean {
  return /^(?:0|[1-9][0-9]*)(?:#|(?:\\/(?:[^~/]|~0|~1)*)*)$/.test(s);
}`,
  $isRegex: `/**
 * An ECMA-262 regular expression (with the \`u\` flag, as JSON Schema patterns are compiled).
 * It is only compiled, never run, but V8 builds the set of every \`\\p{…}\`/\`\\P{…}\` when it
 * compiles (~65 µs each: a 1 MiB value of them would take 13 s); a value with more of them
 * than any real pattern spells does not count as one.
 */
function $isRegex(s: string): boolean {
  let properties = 0;
  for (let i = s.indexOf("{"); i >= 0; i = s.indexOf("{", i + 1)) {
    const p = s.charCodeAt(i - 1);
    if ((p === 0x70 || p === 0x50) && ++properties > 256) return false;
  }
  try {
    new RegExp(s, "u");
    return true;
  } catch {
    return false;
  }
}`,
  $isByte: `/** OpenAPI \`byte\`: padded base64 (RFC 4648 §4). */
function $isByte(s: string): boolean {
  return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s);
}`,
  $isInt32: `/** OpenAPI \`int32\`: an integer in the signed 32-bit range. */
function $isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
}`,
  $isInt64: `/**
 * OpenAPI \`int64\`: any integer. No range check: JSON numbers beyond 2^53 arrive rounded
 * (820982911946154508 parses as 820982911946154500) and must still be accepted.
 */
function $isInt64(n: number): boolean {
  return Number.isInteger(n);
}`,
};

export const FORMAT_HELPER_DEPS: Readonly<Record<string, readonly string[]>> = {
  $isDateTime: ["$isDate", "$isTime"],
  $isEmail: ["$isIpv4", "$isIpv6", "$isHostname"],
  $isIpv6: ["$isIpv4"],
  $isUri: ["$uriParts"],
  $isUriReference: ["$uriParts"],
  $uriParts: ["$uriAuthority"],
  $uriAuthority: ["$isIpv6"],
};
