import { BASE, request } from "./helpers.ts";

/** One request a visitor can make: its method, path on this site and, for a form, the fields it sends. */
export type Step = { method: "GET" | "POST"; path: string; fields?: [string, string][] };

/** A step taken, and what came back. */
export type Visit = Step & { status: number; headers: Headers; body: string };

const entities: Record<string, string> = { amp: "&", quot: '"', "#39": "'", "#x27": "'", lt: "<", gt: ">" };
const decode = (value: string) => value.replace(/&(amp|quot|#39|#x27|lt|gt);/g, (_, name: string) => entities[name]!);

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, "i").exec(tag)?.[1] ?? null;

/** The path on this site that `url` names from `base`, or null for another site, a mail address or a phone number. */
function sitePath(url: string, base: string): string | null {
  const target = new URL(decode(url), `${BASE}${base}`);
  return target.origin === BASE ? `${target.pathname}${target.search}` : null;
}

/** What a form sends as it stands: hidden and filled-in fields, ticked boxes, text areas and each select's chosen option. */
function formFields(form: string): [string, string][] {
  const fields: [string, string][] = [];
  for (const [tag] of form.matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(tag, "name");
    const type = (attribute(tag, "type") ?? "text").toLowerCase();
    if (!name || ["submit", "button", "image", "reset", "file"].includes(type)) continue;
    if ((type === "checkbox" || type === "radio") && !/\schecked\b/i.test(tag)) continue;
    fields.push([decode(name), decode(attribute(tag, "value") ?? (type === "checkbox" ? "on" : ""))]);
  }
  for (const [, tag, content] of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
    const name = attribute(tag!, "name");
    if (name) fields.push([decode(name), decode(content!)]);
  }
  for (const [, tag, options] of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
    const name = attribute(tag!, "name");
    const chosen = [...options!.matchAll(/<option\b[^>]*>/gi)].map(([option]) => option);
    const option = chosen.find((o) => /\sselected\b/i.test(o)) ?? chosen[0];
    if (name && option) fields.push([decode(name), decode(attribute(option, "value") ?? "")]);
  }
  return fields;
}

/** Each way to send a form: once per named submit button (its name and value added), or once when it has none. */
function formSubmissions(form: string, page: string): Step[] {
  const tag = /<form\b[^>]*>/i.exec(form)![0];
  const path = sitePath(attribute(tag, "action") ?? page, page);
  if (!path) return [];
  const method = attribute(tag, "method")?.toUpperCase() === "POST" ? "POST" : "GET";
  const fields = formFields(form);
  const buttons = [...form.matchAll(/<button\b[^>]*>/gi)]
    .map(([button]) => [attribute(button, "name"), attribute(button, "value") ?? ""] as const)
    .filter((button): button is [string, string] => button[0] !== null);
  const variants = buttons.length
    ? buttons.map(([name, value]) => [...fields, [decode(name), decode(value)]])
    : [fields];
  return variants.map((variant) =>
    method === "GET"
      ? { method, path: `${path.split("?")[0]}?${new URLSearchParams(variant as [string, string][])}` }
      : { method, path, fields: variant as [string, string][] },
  );
}

/**
 * Every step a page offers: each of its forms sent as it stands, and every link and form
 * action of this site fetched with GET and with an empty POST besides.
 */
export function stepsFrom(html: string, page: string): Step[] {
  const forms = [...html.matchAll(/<form\b[\s\S]*?<\/form>/gi)].map(([form]) => form);
  const targets = [...html.matchAll(/<(?:a|link|area|form)\b[^>]*>/gi)]
    .map(([tag]) => attribute(tag, "href") ?? attribute(tag, "action"))
    .filter((url): url is string => url !== null)
    .map((url) => sitePath(url.split("#")[0] || page, page))
    .filter((path): path is string => path !== null);
  return [
    ...forms.flatMap((form) => formSubmissions(form, page)),
    ...targets.flatMap((path): Step[] => [
      { method: "GET", path },
      { method: "POST", path, fields: [] },
    ]),
  ];
}

/**
 * Walks this site from `start` as a visitor holding only that link would: takes every step each
 * page offers (see stepsFrom), follows redirects, and every page reached in turn, breadth
 * first, each step once. `order` says whether a page's steps are taken as written or last first.
 */
export async function crawl(start: string, order: "as-written" | "last-first" = "as-written"): Promise<Visit[]> {
  const queue: Step[] = [{ method: "GET", path: start }];
  const seen = new Set<string>();
  const visits: Visit[] = [];
  for (let step = queue.shift(); step; step = queue.shift()) {
    const key = JSON.stringify(step);
    if (seen.has(key)) continue;
    seen.add(key);
    if (visits.length >= 300) throw new Error(`the crawl from ${start} did not end within 300 steps`);
    const response = await request(step.path, {
      method: step.method,
      ...(step.fields ? { body: new URLSearchParams(step.fields) } : {}),
    });
    const body = await response.text();
    visits.push({ ...step, status: response.status, headers: response.headers, body });
    const location = response.headers.get("location");
    const redirect = location && response.status >= 300 && response.status < 400 ? sitePath(location, step.path) : null;
    const next: Step[] = redirect ? [{ method: "GET", path: redirect }] : [];
    if (response.headers.get("content-type")?.startsWith("text/html")) next.push(...stepsFrom(body, step.path));
    queue.push(...(order === "as-written" ? next : next.reverse()));
  }
  return visits;
}
