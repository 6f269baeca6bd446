//! "Download all rendered files": the rendered system's files laid out as
//! on the machine (`etc/systemd/system/UNIT`, `etc/PATH`, `nginx.conf`
//! under `etc/nginx/`), packed into one tar archive that the browser saves.

use wasm_bindgen::JsCast;

use crate::protocol::System;
use crate::tar;

/// The files of `system` as (path inside the archive, bytes), under a
/// folder named after the configuration.
pub fn rendered_files(system: &System) -> Vec<(String, Vec<u8>)> {
    let root = folder_name(&system.name);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |path: String, text: &str| {
        if !files.iter().any(|(p, _)| *p == path) {
            files.push((path, text.as_bytes().to_vec()));
        }
    };
    for (name, text) in &system.rendered.etc {
        add(format!("{root}/etc/{name}"), text);
    }
    for (name, text) in &system.rendered.units {
        add(format!("{root}/etc/systemd/system/{name}"), text);
    }
    if let Some(conf) = &system.rendered.nginx {
        add(format!("{root}/etc/nginx/nginx.conf"), conf);
    }
    files
}

/// The archive's file name for configuration `name`.
pub fn archive_name(name: &str) -> String {
    format!("{}-rendered.tar", folder_name(name))
}

/// A configuration's name as a folder name (no `/`, never empty or a dot name).
fn folder_name(name: &str) -> String {
    let cleaned: String = name.chars().map(|c| if c == '/' || c.is_control() { '_' } else { c }).collect();
    if cleaned.is_empty() || cleaned.chars().all(|c| c == '.') {
        "system".to_owned()
    } else {
        cleaned
    }
}

/// Packs `system`'s files and asks the browser to save them.
pub fn download(system: &System) {
    let bytes = tar::archive(&rendered_files(system));
    let _ = save(&archive_name(&system.name), &bytes);
}

/// Saves `bytes` as a file named `name` (through a temporary object URL).
fn save(name: &str, bytes: &[u8]) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/x-tar");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_laid_out_as_on_the_machine() {
        let rendered = nixpen_nixos::Rendered {
            units: [("nginx.service".into(), "[Unit]\n".into())].into(),
            nginx: Some("http { }\n".into()),
            etc: [("hosts".into(), "127.0.0.1 localhost\n".into()), ("nginx/nginx.conf".into(), "http { }\n".into())]
                .into(),
            ..Default::default()
        };
        let system = System { name: "container".into(), rendered };
        let paths: Vec<String> = rendered_files(&system).into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            paths,
            ["container/etc/hosts", "container/etc/nginx/nginx.conf", "container/etc/systemd/system/nginx.service"]
        );
        assert_eq!(archive_name("a/b"), "a_b-rendered.tar");
    }
}
