//! Arbitrary text never makes the parsers panic ("never crash the tab").

use nixpen_store::*;

/// Deterministic pseudo-random strings over an alphabet that hits every
/// parser's interesting characters.
fn inputs() -> Vec<String> {
    const POOL: &[&str] = &[
        "0",
        "9",
        "a",
        "z",
        "e",
        "o",
        "u",
        "t",
        "A",
        "F",
        "G",
        "+",
        "/",
        "=",
        "-",
        ":",
        "!",
        "é",
        "🙂",
        "\n",
        "sha256",
        "md5",
        "sha1",
        "sha512",
        "/nix/store/",
        ".drv",
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut out = Vec::new();
    for _ in 0..20_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let len = (state % 90) as usize;
        let mut s = String::new();
        let mut x = state;
        for _ in 0..len {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            s.push_str(POOL[(x >> 33) as usize % POOL.len()]);
        }
        out.push(s);
    }
    out
}

#[test]
fn parsers_do_not_panic() {
    let dir = StoreDir::default();
    for s in inputs() {
        for algo in [None, Some(HashAlgo::Md5), Some(HashAlgo::Sha256), Some(HashAlgo::Sha512)] {
            let _ = Hash::parse_any(&s, algo);
            let _ = Hash::parse_allow_empty(&s, algo);
        }
        let _ = Hash::parse_sri(&s);
        let _ = convert_hash(&s, Some("sha256"), "sri");
        let _ = dir.parse_store_path(&s);
        let _ = dir.to_store_path(&s);
        let _ = ContextElem::parse(&s);
        let _ = base16::decode(&s);
        let _ = base64::decode(&s);
        for size in [0, 1, 16, 20, 32, 64] {
            let _ = base32::decode(&s, size);
        }
        let _ = check_name(&s, &s);
    }
}

#[test]
fn instantiate_does_not_panic() {
    let mut store = DrvStore::new("/nix/store");
    let ok = store.to_file("ok", b"", &Default::default()).unwrap();
    for (i, s) in inputs().into_iter().enumerate().take(3000) {
        let mut input =
            DerivationInput { name: s.clone(), builder: "/bin/sh".into(), system: "x".into(), ..Default::default() };
        match i % 5 {
            0 => input.outputs = Some(s.split('/').map(str::to_string).collect()),
            1 => input.output_hash = Some(s.clone()),
            2 => {
                input.output_hash = Some(s.clone());
                input.output_hash_mode = Some("recursive".into());
                input.output_hash_algo = Some("sha1".into());
            }
            3 => {
                input.context.extend(ContextElem::parse(&s));
                input.context.insert(ContextElem::Opaque(ok.clone()));
            }
            _ => {
                input.env.insert(s.clone(), s.clone());
            }
        }
        let _ = store.instantiate(input);
    }
}
