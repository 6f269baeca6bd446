//! Facts about the page's URL: its query, the share fragment, links.

/// The URL's query, with its `?` ("" if none).
pub fn query() -> String {
    location_part(|l| l.search()).unwrap_or_default()
}

/// The URL's fragment, without the `#` ("" if none).
pub fn fragment() -> String {
    location_part(|l| l.hash()).unwrap_or_default().trim_start_matches('#').to_owned()
}

/// Removes the fragment from the address bar without reloading or adding a
/// history entry.
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else { return };
    let Some(url) = location_part(|l| Ok(format!("{}{}", l.pathname()?, l.search()?))) else { return };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The playground's address (origin and path, no query or fragment).
pub fn base_url() -> String {
    location_part(|l| Ok(format!("{}{}", l.origin()?, l.pathname()?))).unwrap_or_default()
}

fn location_part(get: impl FnOnce(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>) -> Option<String> {
    get(&web_sys::window()?.location()).ok()
}
