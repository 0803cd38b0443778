// show puts a message in a page's status line (a p.notice): kind is info,
// ok or error.
export function show(el, kind, text) {
  el.hidden = false;
  el.className = `notice ${kind}`;
  el.textContent = text;
}
