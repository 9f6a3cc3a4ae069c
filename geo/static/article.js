// The article beside the map (a Streamlit v2 component). A mention chosen
// with the mouse or the keyboard selects its place; the sentences naming the
// selected places are marked, and the first of them scrolled into the box.
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let article = parentElement.querySelector("article");
  if (!article) {
    article = document.createElement("article");
    article.setAttribute("aria-label", "The article");
    article.tabIndex = -1;
    parentElement.appendChild(article);
    article.addEventListener("click", (event) => {
      const mention = event.target.closest("button.mention");
      if (!mention) return;
      article.chosen = mention.dataset.place;
      setTriggerValue("place", mention.dataset.place);
    });
  }
  // the text is the same on every run: replacing it would lose the focus
  if (article.source !== data.html) {
    article.innerHTML = data.html;
    article.source = data.html;
    article.selection = undefined;
  }
  const selection = data.selected.join(",");
  if (selection === article.selection) {
    article.chosen = undefined;
    return;
  }
  article.selection = selection;
  const marked = new Set(data.marked);
  const selected = new Set(data.selected);
  article.querySelectorAll(".segment").forEach((segment) => {
    segment.classList.toggle("marked", marked.has(Number(segment.dataset.start)));
  });
  article.querySelectorAll("button.mention").forEach((mention) => {
    const pressed = String(selected.has(mention.dataset.place));
    if (mention.getAttribute("aria-pressed") !== pressed) mention.setAttribute("aria-pressed", pressed);
  });
  // a place chosen here needs no scrolling: the reader is looking at it
  if (!selected.has(article.chosen)) scrollToFirstMarked(article);
  article.chosen = undefined;
}

function scrollToFirstMarked(article) {
  const first = article.querySelector(".segment.marked");
  if (!first) return;
  // the article is positioned, so offsetTop counts from its top
  const top = first.offsetTop;
  const visible = top >= article.scrollTop && top < article.scrollTop + article.clientHeight - 40;
  // at once, not smoothly: an animated scroll repaints the box on every frame
  if (!visible) article.scrollTop = Math.max(0, top - 16);
}
