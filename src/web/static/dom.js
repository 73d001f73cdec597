// DOM building without HTML strings: every value becomes a text node or an
// attribute set one by one, so document text can never turn into markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Only http(s) links are ever made clickable; `javascript:` and friends stay text. */
export function safeUrl(value) {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function setProps(el, props) {
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.setAttribute('class', value);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (/^on/i.test(key) || key === 'style' || key === 'srcdoc') throw new Error(`refusing attribute ${key}`);
    else if (key === 'href') {
      const href = String(value).startsWith('#') ? String(value) : safeUrl(value);
      if (href) el.setAttribute('href', href);
    } else el.setAttribute(key, value === true ? '' : String(value));
  }
}

function appendChildren(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * `h('a', {href, class, on: {click}}, 'text', child)`: an element whose
 * strings are text nodes. Event handler attributes and inline styles are refused.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  appendChildren(el, children);
  return el;
}

/** The same for SVG elements. */
export function s(tag, props = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setProps(el, props);
  appendChildren(el, children);
  return el;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}

/** Appends one option per `{ value, label }` to a select. */
export function fillSelect(select, options) {
  for (const { value, label } of options) select.append(h('option', { value }, label));
}
