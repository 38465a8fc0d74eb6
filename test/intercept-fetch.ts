type Handler = (request: Request) => Response | Promise<Response>;

/** Every outbound request in tests fails loudly unless a test routes it to a fake. */
export function blockOutboundFetch(): void {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    throw new Error(`Outbound HTTP is not allowed in tests: ${request.method} ${new URL(request.url).origin}`);
  };
}

/** Routes the Worker's outbound fetches to `handler` until the test ends. */
export function interceptFetch(handler: Handler): void {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => handler(new Request(input, init));
}
