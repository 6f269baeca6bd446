// Starts the evaluation worker's wasm (Trunk builds nixpen-worker.js as a
// no-modules script that defines `wasm_bindgen`).
importScripts('./nixpen-worker.js');
wasm_bindgen({ module_or_path: './nixpen-worker_bg.wasm' });
