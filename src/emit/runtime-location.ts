/**
 * Where generated code finds the receiver runtime and the framework adapters: in the installed
 * `gen-callbacks` package (one copy for every provider a project receives from, declarations
 * for the user's `tsc`, versioned with the generator), or in the output folder's own copy
 * (`runtime/`, `adapters/`: no dependency on this package at run time).
 */
export const RUNTIME_KINDS = ["package", "vendored"] as const;
export type RuntimeKind = (typeof RUNTIME_KINDS)[number];
export const DEFAULT_RUNTIME: RuntimeKind = "package";

/** The package generated code imports the runtime from (package.json `exports`: `./runtime`, `./runtime/*`, `./adapters/*`). */
export const RUNTIME_PACKAGE = "gen-callbacks";

/** The specifier of runtime module `name` (templates/runtime/<name>.ts) from a file at the output folder's root. */
export function runtimeModule(kind: RuntimeKind, name: string): string {
  if (kind === "vendored") return `./runtime/${name}.js`;
  return name === "runtime" ? `${RUNTIME_PACKAGE}/runtime` : `${RUNTIME_PACKAGE}/runtime/${name}`;
}

/** The specifier of adapter `name` (templates/adapters/<name>.ts) in the installed package. */
export function packageAdapterModule(name: string): string {
  return `${RUNTIME_PACKAGE}/adapters/${name}`;
}
