import { defineConfig } from "vitest/config";

// Preact's JSX through the bundler's own transform (see tsconfig.json: jsxImportSource).
// Relative base so the built client works from any path the server mounts it on.
// `npm run dev` proxies the socket and the content API to a running game server
// (LEERKLIMAAT_SERVER, default http://127.0.0.1:8080).
declare const process: { env: Record<string, string | undefined> };
const server = process.env.LEERKLIMAAT_SERVER ?? "http://127.0.0.1:8080";

export default defineConfig({
  base: "./",
  build: { target: "es2019", outDir: "dist", emptyOutDir: true },
  server: {
    proxy: {
      "/socket.io": { target: server, ws: true },
      "/api": { target: server },
    },
  },
  test: { include: ["test/**/*.test.ts", "test/**/*.test.tsx"], environment: "node" },
});
