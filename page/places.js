// Buttons that choose places (a Streamlit v2 component): the declaration's
// clauses (geo/reading.py), each choosing the places it names, and the places
// list in the sidebar (geo/places_list.py), a button per place with a search
// box that narrows the list as the reader types, here in the browser. Each
// listed place carries its names folded as geo.names.folded folds them;
// fold() below folds the query the same way, so "susa" finds Şuşa.

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let holder = parentElement.querySelector("div.choices");
  if (!holder) {
    holder = document.createElement("div");
    holder.className = "choices";
    parentElement.appendChild(holder);
    holder.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-places]");
      if (button) setTriggerValue("places", button.dataset.places.split(","));
    });
    holder.addEventListener("input", () => narrow(holder));
  }
  // the same list on every run: replacing it would lose the query and the focus
  if (holder.source === data.html) return;
  const query = holder.querySelector("input")?.value ?? "";
  holder.innerHTML = data.html;
  holder.source = data.html;
  const input = holder.querySelector("input");
  if (input && query) {
    input.value = query;
    narrow(holder);
  }
}

// Without case or accents, as geo.names.folded: NFKD, no combining marks, ı and ə as i and e
function fold(text) {
  return text.normalize("NFKD").toLowerCase().replace(/\p{M}/gu, "").replace(/ı/g, "i").replace(/ə/g, "e");
}

// Shows in each layer the first places (up to the list's limit) with a name containing the query
function narrow(holder) {
  const list = holder.querySelector(".places-list");
  const query = holder.querySelector("input").value;
  const wanted = fold(query.trim());
  const limit = Number(list.dataset.limit);
  let found = 0;
  for (const layer of list.querySelectorAll("section")) {
    let matched = 0;
    for (const item of layer.querySelectorAll("li")) {
      const matches = item.dataset.names.split("\n").some((name) => name.includes(wanted));
      item.hidden = !matches || matched >= limit;
      if (matches) matched += 1;
    }
    layer.hidden = matched === 0;
    const more = matched - limit;
    layer.querySelector(".more").textContent = more > 0 ? list.dataset.more.replace("{count}", () => more) : "";
    found += matched;
  }
  const nothing = list.querySelector(".nothing");
  nothing.hidden = found > 0;
  nothing.textContent = found > 0 ? "" : list.dataset.nothing.replace("{query}", () => query.trim());
}
