//! Saving the playground in the browser's `localStorage`, so a reload (or a
//! crash of the tab) never loses what was typed.

use serde::{de::DeserializeOwned, Serialize};

/// The key under which the workspace is saved.
pub const WORKSPACE_KEY: &str = "nixpen.workspace.v1";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The text saved under `key`, if any.
pub fn load_text(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

/// Saves `text` under `key`; returns whether it was stored.
pub fn save_text(key: &str, text: &str) -> bool {
    local_storage().is_some_and(|storage| storage.set_item(key, text).is_ok())
}

/// Reads and decodes the JSON value saved under `key`, if any.
pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = local_storage()?.get_item(key).ok()??;
    let value = js_sys::JSON::parse(&text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// Saves `value` as JSON under `key`; returns whether it was stored (the
/// storage may be full or disabled).
pub fn save<T: Serialize>(key: &str, value: &T) -> bool {
    let Some(storage) = local_storage() else { return false };
    let Ok(value) = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) else {
        return false;
    };
    let Ok(text) = js_sys::JSON::stringify(&value) else { return false };
    let Some(text) = text.as_string() else { return false };
    storage.set_item(key, &text).is_ok()
}
