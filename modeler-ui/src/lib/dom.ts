/** A tiny typed element builder. Text children are always set as text, never parsed as HTML. */

export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Handler<K extends keyof HTMLElementEventMap> = (event: HTMLElementEventMap[K]) => void;

export interface Attrs {
  class?: string | (string | false | null | undefined)[];
  id?: string;
  /** `on` handlers: `{ on: { click: (e) => ... } }`. */
  on?: { [K in keyof HTMLElementEventMap]?: Handler<K> };
  /** Sets the `dataset` entries. */
  data?: Record<string, string>;
  /** Sets DOM properties directly (value, checked, disabled, ...). */
  props?: Record<string, unknown>;
  /** Any other attribute; `true` renders an empty attribute, `false`/null/undefined omits it. */
  [attr: string]: unknown;
}

/** Text for the DOM: strings and numbers as they are, anything else as JSON. */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? '';
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') {
        const cls = Array.isArray(value) ? value.filter(Boolean).join(' ') : toText(value);
        if (cls) el.className = cls;
      } else if (name === 'on') {
        for (const [type, fn] of Object.entries(value as Record<string, EventListener>)) {
          el.addEventListener(type, fn);
        }
      } else if (name === 'data') {
        Object.assign(el.dataset, value);
      } else if (name === 'props') {
        Object.assign(el, value);
      } else {
        el.setAttribute(name, value === true ? '' : toText(value));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(toText(child)));
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A card: a section labelled by its heading (for screen readers), then its content. */
export function card(title: string, extraClass: string | null, ...content: Child[]): HTMLElement {
  const headingId = uid('card-title');
  return h(
    'section',
    { class: ['card', extraClass], 'aria-labelledby': headingId },
    h('h2', { id: headingId, class: 'card__title' }, title),
    ...content,
  );
}

let idCounter = 0;
/** A document-unique id for label/aria wiring. */
export function uid(prefix = 'id'): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/**
 * Runs `action` while `button` shows a busy state; the button is disabled meanwhile so a double click
 * cannot send the request twice.
 */
export async function withBusy<T>(
  buttons: HTMLButtonElement | HTMLButtonElement[],
  action: () => Promise<T>,
): Promise<T> {
  const list = Array.isArray(buttons) ? buttons : [buttons];
  const previous = list.map((b) => b.disabled);
  for (const b of list) {
    b.disabled = true;
    b.setAttribute('aria-busy', 'true');
  }
  try {
    return await action();
  } finally {
    list.forEach((b, i) => {
      if (!b.isConnected) return;
      b.disabled = previous[i] ?? false;
      b.removeAttribute('aria-busy');
    });
  }
}
