import { describe, expect, it } from "vitest";
import { largestParts } from "../scripts/bundle-parts.ts";

describe("the Worker's largest parts, as npm run size lists them", () => {
  it("counts a package once, whatever files of it the bundle holds, and each of our own files apart, largest first", () => {
    const inputs = {
      "node_modules/zod/v4/core/schemas.js": { bytesInOutput: 300 },
      "node_modules/zod/v4/classic/schemas.js": { bytesInOutput: 200 },
      "../../elsewhere/node_modules/@date-fns/tz/index.js": { bytesInOutput: 40 },
      "worker/doors/app.ts": { bytesInOutput: 450 },
      "worker/index.ts": { bytesInOutput: 10 },
      ".generated/worker-course.json": { bytesInOutput: 120 },
    };
    const meta = {
      outputs: {
        "index.js": { entryPoint: "worker/index.ts", inputs },
        "index.js.map": { inputs: { "worker/doors/app.ts": { bytesInOutput: 9_999 } } },
      },
    };
    expect(largestParts(meta, 10)).toEqual([
      { path: "node_modules/zod", bytes: 500 },
      { path: "worker/doors/app.ts", bytes: 450 },
      { path: ".generated/worker-course.json", bytes: 120 },
      { path: "node_modules/@date-fns/tz", bytes: 40 },
      { path: "worker/index.ts", bytes: 10 },
    ]);
    expect(largestParts(meta, 2).map((part) => part.path)).toEqual(["node_modules/zod", "worker/doors/app.ts"]);
  });
});
