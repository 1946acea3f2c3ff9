import { defineConfig } from "vitest/config";

// Preact's JSX through the bundler's own transform (see tsconfig.json: jsxImportSource).
// Relative base so the built client works from any path the server mounts it on.
export default defineConfig({
  base: "./",
  build: { target: "es2019", outDir: "dist", emptyOutDir: true },
  test: { include: ["test/**/*.test.ts"], environment: "node" },
});
