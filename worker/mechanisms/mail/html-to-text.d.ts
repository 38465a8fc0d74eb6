// html-to-text ships no types; the Worker calls only `convert`.
declare module "html-to-text" {
  export function convert(html: string, options?: Record<string, unknown>): string;
}
