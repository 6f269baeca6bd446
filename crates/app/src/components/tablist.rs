//! The keyboard of a tab strip (the WAI-ARIA tabs pattern): Left and Right
//! move to the previous and next tab, Home and End to the first and last;
//! the tab moved to is focused and chosen. Only the chosen tab is in the
//! Tab order ([`tab_index`]).

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

/// Handles a key pressed in a `role="tablist"` element (the handler is on it).
pub fn on_tab_keys(event: KeyboardEvent) {
    let step: isize = match event.key().as_str() {
        "ArrowRight" => 1,
        "ArrowLeft" => -1,
        "Home" => isize::MIN,
        "End" => isize::MAX,
        _ => return,
    };
    // (Yew delegates events: the current target is the app's root.)
    let target = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let Some(list) = target.and_then(|t| t.closest("[role=tablist]").ok().flatten()) else { return };
    let Ok(tabs) = list.query_selector_all("[role=tab]") else { return };
    let tabs: Vec<HtmlElement> = (0..tabs.length()).filter_map(|i| tabs.item(i)?.dyn_into().ok()).collect();
    let focused = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    let Some(at) = tabs.iter().position(|tab| focused.as_ref() == Some(tab.as_ref())) else { return };
    let last = tabs.len() as isize - 1;
    let next = match step {
        isize::MIN => 0,
        isize::MAX => last,
        step => (at as isize + step).rem_euclid(last + 1),
    };
    event.prevent_default();
    let tab = &tabs[next as usize];
    let _ = tab.focus();
    tab.click();
}

/// The `tabindex` of a tab: only the chosen one is reached with Tab.
pub fn tab_index(selected: bool) -> &'static str {
    if selected {
        "0"
    } else {
        "-1"
    }
}
