import { describe, expect, it } from "vitest";
import { withPort, withPublicUrl } from "../scripts/dev-port.ts";

describe("npm run dev's mail links", () => {
  it("point at the port wrangler listens on: 8795 with --port 8795 or --port=8795", () => {
    expect(withPublicUrl(["--port", "8795"])).toEqual(["--port", "8795", "--var", "PUBLIC_URL:http://localhost:8795"]);
    expect(withPublicUrl(["--port=8795"])).toEqual(["--port=8795", "--var", "PUBLIC_URL:http://localhost:8795"]);
  });

  it("point at 8787, wrangler's own default, without --port", () => {
    expect(withPublicUrl([])).toEqual(["--var", "PUBLIC_URL:http://localhost:8787"]);
    expect(withPublicUrl(["--persist-to", "/tmp/d1"])).toEqual([
      "--persist-to",
      "/tmp/d1",
      "--var",
      "PUBLIC_URL:http://localhost:8787",
    ]);
  });

  it("leave a PUBLIC_URL the developer passed herself alone", () => {
    const args = ["--port", "8795", "--var", "PUBLIC_URL:https://tunnel.example"];
    expect(withPublicUrl(args)).toEqual(args);
  });
});

describe("npm run dev's port", () => {
  const noPortFromTheSystem = async () => {
    throw new Error("no port should be asked for");
  };

  it("is 8787 when that is free, passed on explicitly", async () => {
    expect(await withPort([], async (port) => port === 8787, noPortFromTheSystem)).toEqual({
      args: ["--port", "8787"],
      port: 8787,
    });
  });

  it("is one the system hands out when 8787 is taken, so links and the login line point at the real server", async () => {
    const { args, port } = await withPort(
      ["--persist-to", "/tmp/d1"],
      async () => false,
      async () => 43_210,
    );
    expect(port).toBe(43_210);
    expect(withPublicUrl(args)).toEqual([
      "--persist-to",
      "/tmp/d1",
      "--port",
      "43210",
      "--var",
      "PUBLIC_URL:http://localhost:43210",
    ]);
  });

  it("is the one asked for, free or not", async () => {
    expect(await withPort(["--port=8795"], async () => false, noPortFromTheSystem)).toEqual({
      args: ["--port=8795"],
      port: 8795,
    });
  });
});
