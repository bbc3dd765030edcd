/** Building the console's DOM from data: every text goes in as text, never as markup. */

type Child = Node | string | number | null | undefined | false;

/** `<tag class=…>children</tag>`; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return element;
}

/** A table: the header row, then one row per item. */
export function table(headings: readonly string[], rows: readonly Child[][], attributes: Record<string, string> = {}): HTMLTableElement {
  return h('table', attributes, h('thead', {}, h('tr', {}, ...headings.map((heading) => h('th', {}, heading)))), h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((cell) => h('td', {}, cell))))));
}

/** Replaces what `id` holds. */
export function fill(id: string, ...children: Child[]): void {
  const target = document.getElementById(id);
  if (!target) throw new Error(`the console page has no #${id}`);
  target.replaceChildren();
  for (const child of children) if (child !== null && child !== undefined && child !== false) target.append(typeof child === 'object' ? child : String(child));
}
