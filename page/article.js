// The article beside the map (a Streamlit v2 component). A mention chosen
// with the mouse or the keyboard selects its place; the sentences naming the
// selected places are marked, and the first of them scrolled into the box.
// It runs in the page itself, so it also keeps the page following the
// reader's choices: a choice that moves the map brings the map into view (a
// click on the map moves nothing: the card there holds the quotes, and the
// next click lands where the reader aims it), and Escape goes back to the
// overview. It also gives the skip link its target, closes the
// sidebar on a phone once a choice there moved the map, and sizes the box to
// whole lines with a sign that more text is below.
const MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]';
const SIDEBAR = '[data-testid="stSidebar"]';
// the sidebar covers most of a page narrower than this
const NARROW_PAGE_PX = 640;

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  listenForEscape(setTriggerValue);
  listenForSkipLink();
  watchSidebarChoices();
  let article = parentElement.querySelector("article");
  if (!article) {
    article = document.createElement("article");
    article.setAttribute("aria-label", "The article");
    article.tabIndex = -1;
    parentElement.appendChild(article);
    article.addEventListener("scroll", () => showMoreBelow(article));
    window.addEventListener("resize", () => fitWholeLines(article));
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
    fitWholeLines(article);
  }
  const selection = data.selected.join(",");
  const moved = data.frame !== null && data.frame !== article.frame;
  article.frame = data.frame;
  if (moved) {
    closeSidebarOnPhone();
    whenShown(MAP_IFRAME, (map) => map.scrollIntoView({ block: "nearest" }));
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

// The box ends under a whole line: at most as high as article.css lets it
// be, cut at the bottom of the last line that fits, not through one
function fitWholeLines(article) {
  article.style.maxHeight = "";
  const limit = article.clientHeight;
  if (article.scrollHeight <= limit) return showMoreBelow(article);
  const top = article.getBoundingClientRect().top + article.clientTop - article.scrollTop;
  const lines = textLines(article).map((line) => [line.top - top, line.bottom - top]);
  const ends = lines.map(([, bottom]) => bottom).filter((bottom) => bottom <= limit);
  const whole = ends.filter((end) => !lines.some(([lineTop, bottom]) => lineTop < end - 1 && bottom > end + 1));
  if (whole.length) article.style.maxHeight = `${Math.ceil(Math.max(...whole))}px`;
  showMoreBelow(article);
}

// The boxes of the lines of text in an element, one per line of each text node
function textLines(element) {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const lines = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    range.selectNodeContents(node);
    for (const line of range.getClientRects()) if (line.height > 0) lines.push(line);
  }
  return lines;
}

// A shadow at the box's bottom edge while more of the article is below it
function showMoreBelow(article) {
  const below = article.scrollHeight - article.scrollTop - article.clientHeight > 2;
  article.classList.toggle("more-below", below);
}

// The skip link at the top of the page (app.py) takes the keyboard to the
// map's first place; the map's frame is of this origin, so focus can go in
function listenForSkipLink() {
  if (document.storySkipListening) return;
  document.storySkipListening = true;
  document.addEventListener("click", (event) => {
    if (!event.target.closest || !event.target.closest("a.story-skip-link")) return;
    const map = document.querySelector(MAP_IFRAME);
    const place = map && map.contentDocument && map.contentDocument.querySelector('path[role="button"]');
    if (!place) return;
    event.preventDefault();
    map.scrollIntoView({ block: "nearest" });
    place.focus();
  });
}

// Remembers whether the reader's last click (or Enter, or Space) was in the sidebar
function watchSidebarChoices() {
  if (document.storySidebarWatched) return;
  document.storySidebarWatched = true;
  document.addEventListener(
    "click",
    (event) => {
      document.storyChoseInSidebar = Boolean(event.target.closest && event.target.closest(SIDEBAR));
    },
    true
  );
}

// On a phone the open sidebar covers the map that a choice in it just moved:
// close it (Streamlit has no API for this; its own button does it)
function closeSidebarOnPhone() {
  if (!document.storyChoseInSidebar || window.innerWidth >= NARROW_PAGE_PX) return;
  document.storyChoseInSidebar = false;
  const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
  if (close) close.click();
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
