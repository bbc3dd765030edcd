/**
 * The rendered API reference links what openapi.yaml only cites: each `D-n` to its entry in
 * docs/discrepancies.md, each `` `docs/….md` `` to the file. The YAML keeps its plain citations
 * (it is read raw as often as rendered); the links are added to the copy Redocly renders.
 */

/** GitHub's heading anchor: lower case, punctuation dropped (letters, digits, `_` and `-` kept), spaces as `-`. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** `D-n` → the anchor of its `### D-n …` heading, from the decisions file's text. */
export function decisionAnchors(markdown: string): Map<string, string> {
  const anchors = new Map<string, string>();
  for (const match of markdown.matchAll(/^### (D-\d+)\b.*$/gm)) anchors.set(match[1], headingAnchor(match[0].slice(4)));
  return anchors;
}

export interface LinkTargets {
  /** `D-n` → its anchor in the decisions file. */
  decisions: ReadonlyMap<string, string>;
  /** How the rendered page reaches the repository's root (`../../` from reports/api/). */
  root: string;
}

/**
 * One description with its citations linked. A `D-n` that names no entry is an error: the
 * reference would cite a decision nobody wrote down.
 */
export function linkDescription(text: string, targets: LinkTargets): string {
  const decisionsFile = `${targets.root}docs/discrepancies.md`;
  return text
    .replace(/`(docs\/[\w-]+\.md)`/g, (_, path: string) => `[\`${path}\`](${targets.root}${path})`)
    .replace(/\bD-\d+\b/g, (id) => {
      const anchor = targets.decisions.get(id);
      if (anchor === undefined) throw new Error(`openapi.yaml cites ${id}, which docs/discrepancies.md has no entry for`);
      return `[${id}](${decisionsFile}#${anchor})`;
    });
}

/** Every `description` in the document (info, tags, operations, schemas, examples …) linked, in place. */
export function linkDescriptions(node: unknown, targets: LinkTargets): void {
  if (Array.isArray(node)) {
    for (const item of node) linkDescriptions(item, targets);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (key === 'description' && typeof value === 'string') record[key] = linkDescription(value, targets);
    else linkDescriptions(value, targets);
  }
}

/**
 * Redoc's "API docs by Redocly" badge loads its logo from Redocly's CDN even from an inlined
 * bundle; pointed at an empty data URL instead, the image fails as it does offline and the badge
 * hides it, so opening the page sends nothing off the machine.
 */
export function withoutCdnRequests(html: string): string {
  return html.replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, 'data:,');
}
