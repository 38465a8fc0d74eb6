/** One part of the bundle: a package (`node_modules/zod`) or one of our own files, and its bytes in the bundle. */
export type BundlePart = { path: string; bytes: number };

/** The part of esbuild's metafile (`wrangler deploy --metafile`) that says what each input adds to the bundle. */
export type Metafile = {
  outputs: Record<string, { entryPoint?: string; inputs: Record<string, { bytesInOutput: number }> }>;
};

/** A package counts as one part, whatever files of it the bundle holds; our own files count each. */
function partOf(input: string): string {
  const match = /^(.*?node_modules\/(?:@[^/]+\/)?[^/]+)/.exec(input);
  return match ? match[1]!.replace(/^.*?(node_modules\/)/, "$1") : input;
}

/** The largest `count` parts of the bundle wrangler built, from its esbuild metafile. */
export function largestParts(meta: Metafile, count: number): BundlePart[] {
  const parts = new Map<string, number>();
  for (const output of Object.values(meta.outputs).filter((candidate) => candidate.entryPoint))
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
      parts.set(partOf(input), (parts.get(partOf(input)) ?? 0) + bytesInOutput);
  return [...parts]
    .map(([path, bytes]) => ({ path, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
}
