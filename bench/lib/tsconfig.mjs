/**
 * The `tsconfig.json` the type-checking benches give every side: what a user's strict
 * project uses for a Node receiver. `include` says which files of the folder it covers.
 */
export function strictTsconfig(include) {
  return {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2023", "DOM"],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ["node"],
    },
    include,
  };
}
