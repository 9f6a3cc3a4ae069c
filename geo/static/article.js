// The article beside the map (a Streamlit v2 component). A mention chosen
// with the mouse or the keyboard selects its place; the sentences naming the
// selected places are marked, and the first of them scrolled into the box.
// It runs in the page itself, so it also keeps the page following the
// reader's choices: a choice that moves the map brings the map into view, a
// click on the map the start of what it says of the place, and Escape goes
// back to the overview.
const MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]';

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  listenForEscape(setTriggerValue);
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
  const moved = data.frame !== null && data.frame !== article.frame;
  article.frame = data.frame;
  if (moved) whenShown(MAP_IFRAME, (map) => map.scrollIntoView({ block: "nearest" }));
  else if (selection && selection !== article.selection) {
    // a click on the map: the map is in view, the place's panel may start below the fold
    whenShown(`section.place[data-place="${CSS.escape(data.selected[0])}"]`, showStart);
  }
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

// Escape anywhere on the page, the map's frame included, clears the selection
function listenForEscape(setTriggerValue) {
  window.storyEscape = () => setTriggerValue("escape", true);
  const map = document.querySelector(MAP_IFRAME);
  [document, map && map.contentDocument].forEach((doc) => {
    if (!doc || doc.storyEscapeListening) return;
    doc.storyEscapeListening = true;
    doc.addEventListener("keydown", (event) => {
      if (event.key === "Escape") window.storyEscape();
    });
  });
}

// Calls back with the element once the page shows it (Streamlit may still be drawing it)
function whenShown(selector, callback, tries = 20) {
  const element = document.querySelector(selector);
  if (element) callback(element);
  else if (tries > 0) setTimeout(() => whenShown(selector, callback, tries - 1), 50);
}

// The first lines of an element in view, scrolling as little as needed
function showStart(element) {
  const lines = 120;
  const below = element.getBoundingClientRect().top + lines - window.innerHeight;
  if (below > 0) scrollerOf(element).scrollBy({ top: below });
}

// Streamlit scrolls its main area in a box of its own, not the window
function scrollerOf(element) {
  for (let box = element.parentElement; box; box = box.parentElement) {
    const overflow = getComputedStyle(box).overflowY;
    if ((overflow === "auto" || overflow === "scroll") && box.scrollHeight > box.clientHeight) return box;
  }
  return document.scrollingElement;
}
