import { describe, expect, it } from "vitest";
import { withPublicUrl } from "../scripts/dev-port.ts";

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
