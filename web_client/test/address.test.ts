import { describe, expect, it } from "vitest";
import { isLoopbackHost, joinBase, joinLink, normalisePublicUrl } from "../src/state/address";

const page = (url: string) => {
  const u = new URL(url);
  return { origin: u.origin, pathname: u.pathname, hostname: u.hostname };
};

describe("join address", () => {
  it("knows loopback hosts", () => {
    for (const host of ["localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "127.1.2.3", "[::1]", "::1"]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ["192.168.1.20", "leerklimaat.example.nl", "10.0.0.7", "[fe80::1]", "localhost.example.nl"]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it("uses the server's public address when the page is opened on localhost", () => {
    const base = joinBase("http://192.168.1.20:8080/", page("http://localhost:8080/"));
    expect(base).toEqual({ base: "http://192.168.1.20:8080/", localOnly: false });
    expect(joinLink(base, "KMP47X")).toBe("http://192.168.1.20:8080/#/join/KMP47X");
    // An English session's link opens its join page in English; a Dutch one stays plain.
    expect(joinLink(base, "KMP47X", "en")).toBe("http://192.168.1.20:8080/#/join/KMP47X?lang=en");
    expect(joinLink(base, "KMP47X", "nl")).toBe("http://192.168.1.20:8080/#/join/KMP47X");
    expect(joinBase("http://192.168.1.20:8080/", page("http://127.0.0.1:8080/")).base).toBe("http://192.168.1.20:8080/");
  });

  it("keeps the page's loopback address, marked local only, when the server knows none", () => {
    expect(joinBase(null, page("http://localhost:8080/"))).toEqual({ base: "http://localhost:8080/", localOnly: true });
    expect(joinBase("not a url", page("http://127.0.0.1:5173/"))).toEqual({ base: "http://127.0.0.1:5173/", localOnly: true });
  });

  it("keeps a reachable page address over a detected LAN IP (e.g. a container's own address)", () => {
    const base = joinBase("http://172.18.0.3:8080/", page("https://leerklimaat.example.nl/"));
    expect(base).toEqual({ base: "https://leerklimaat.example.nl/", localOnly: false });
    expect(joinBase(null, page("http://192.168.1.20:8080/")).base).toBe("http://192.168.1.20:8080/");
  });

  it("uses a public address configured by name even when the page was opened elsewhere", () => {
    const base = joinBase("https://leerklimaat.example.nl", page("http://10.0.0.5:8080/"));
    expect(base).toEqual({ base: "https://leerklimaat.example.nl/", localOnly: false });
  });

  it("keeps the page's path (the app may live under a sub-path)", () => {
    expect(joinLink(joinBase(null, page("https://example.nl/leerklimaat/")), "AC3DEF")).toBe(
      "https://example.nl/leerklimaat/#/join/AC3DEF",
    );
  });

  it("normalises the public address: http(s) only, trailing slash, no query or fragment", () => {
    expect(normalisePublicUrl("http://192.168.1.20:8080")?.href).toBe("http://192.168.1.20:8080/");
    expect(normalisePublicUrl("https://x.nl/spel?a=1#b")?.href).toBe("https://x.nl/spel/");
    expect(normalisePublicUrl("javascript:alert(1)")).toBeNull();
    expect(normalisePublicUrl("")).toBeNull();
    expect(normalisePublicUrl(null)).toBeNull();
  });
});
