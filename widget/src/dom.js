// Small DOM helpers. Text from the assistant is only ever set as text, never as HTML.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  children.forEach((c) => node.append(c));
  return node;
}

const URL_RE = /https?:\/\/[^\s<>"]+/g;

// Text with its web addresses as links; the link text is the full address, so the
// person sees where it goes (DigiD, payment) before opening it.
export function linkify(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    let url = match[0].replace(/[.,;:!?)]+$/, "");
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(el("a", { href: url, target: "_blank", rel: "noopener" }, url));
    last = match.index + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
