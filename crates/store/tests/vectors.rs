//! Fixed vectors computed once with `nix-instantiate` 2.8 (the expressions
//! are quoted next to each value). These always run; the differential test
//! re-checks the same ground live when Nix is installed.

mod common;

use common::*;
use nixpen_store::*;
use std::collections::BTreeMap;

/// `builtins.hashString <algo> "hello\n"`, then `nix-hash --to-base32` and
/// `nix hash to-sri` of it.
const HELLO: [(HashAlgo, &str, &str, &str); 4] = [
    (HashAlgo::Md5, "b1946ac92492d2347c6235b4d2611184", "4425hx5d1mc9y39llj4k4nm55i", "md5-sZRqySSS0jR8YjW00mERhA=="),
    (
        HashAlgo::Sha1,
        "f572d396fae9206628714fb2ce00f72e94f2258f",
        "iwjz551fyw0cxcjgf4l6c879zabd6wpm",
        "sha1-9XLTlvrpIGYocU+yzgD3LpTyJY8=",
    ),
    (
        HashAlgo::Sha256,
        "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03",
        "00xyyr3fi8l6hb839bv3f7yb86yjv7xi1cgh1xnhipym4asvb4aq",
        "sha256-WJG1tSLV3whtD/CxEPvZ0hu0/HFjrzTQgoai6Eb2vgM=",
    ),
    (
        HashAlgo::Sha512,
        "e7c22b994c59d9cf2b48e549b1e24666636045930d3da7c1acb299d1c3b7f931f94aae41edda2c2b207a36e10f8bcb8d45223e54878f5b316e7ce3b6bc019629",
        "0lrc0dwnvipqviibf7qfm1y492qvjwb1zhkcyi05cndmva1mr5gjcgrnz1x36djmk0sfg8djd2n0qv68vib2jg590mwznar9jcjphp7",
        "sha512-58IrmUxZ2c8rSOVJseJGZmNgRZMNPafBrLKZ0cO3+TH5Sq5B7dosKyB6NuEPi8uNRSI+VIePWzFufOO2vAGWKQ==",
    ),
];

#[test]
fn hash_string_in_every_encoding() {
    for (algo, hex, nix32, sri) in HELLO {
        let h = Hash::of(algo, b"hello\n");
        assert_eq!(h.to_base16(), hex);
        assert_eq!(h.to_base32(), nix32);
        assert_eq!(h.to_sri(), sri);
        assert_eq!(h.encode(HashFormat::Base64, false), sri.split_once('-').unwrap().1);
        assert_eq!(h.encode(HashFormat::Base32, true), format!("{}:{nix32}", algo.name()));
        // Every form parses back, with or without the algorithm in the text.
        let b64 = h.to_base64();
        for text in [hex, nix32, b64.as_str()] {
            assert_eq!(Hash::parse_any(text, Some(algo)).unwrap(), h, "{text}");
            assert_eq!(Hash::parse_any(&format!("{}:{text}", algo.name()), None).unwrap(), h);
        }
        assert_eq!(Hash::parse_any(sri, None).unwrap(), h);
        assert_eq!(Hash::parse_sri(sri).unwrap(), h);
        assert_eq!(Hash::parse_any(&hex.to_uppercase(), Some(algo)).unwrap(), h);
    }
}

#[test]
fn compress_hash_folds_with_xor() {
    let h = Hash::of(HashAlgo::Sha256, b"hello\n");
    let folded = h.compress(20);
    for (i, b) in folded.iter().enumerate() {
        let expected = h.bytes()[i] ^ h.bytes().get(i + 20).copied().unwrap_or(0);
        assert_eq!(*b, expected);
    }
}

#[test]
fn empty_hash_means_zero_with_a_warning() {
    let (h, warning) = Hash::parse_allow_empty("", Some(HashAlgo::Sha256)).unwrap();
    assert_eq!(h, Hash::zero(HashAlgo::Sha256));
    assert_eq!(warning.unwrap(), "found empty hash, assuming 'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='");
    assert_eq!(Hash::parse_allow_empty("", None).unwrap_err().to_string(), "empty hash requires explicit hash type");
}

#[test]
fn text_paths() {
    let mut store = DrvStore::new("/nix/store");
    // builtins.toFile "data" "x"
    let data = store.to_file("data", b"x", &Default::default()).unwrap();
    assert_eq!(data, "/nix/store/x0k3wvln6afh4wsdycr48ivpygiy0bqj-data");
    // builtins.toFile "script" "run ${data}"
    let ctx = [ContextElem::Opaque(data.clone())].into();
    let script = store.to_file("script", format!("run {data}").as_bytes(), &ctx).unwrap();
    assert_eq!(script, "/nix/store/58v5qb76g2qc8d5b3dd93r4zfhf42pd8-script");
    assert_eq!(store.closure(&script), [data, script.clone()].into());
}

#[test]
fn placeholders() {
    // builtins.placeholder "out"
    assert_eq!(placeholder("out"), "/1rz4g4znpzjwh1xymhjpm42vipw92pr73vdgl6xs1hycac8kf2n9");
}

/// The tree `nix-hash` and `builtins.path` were run on.
fn sample_tree() -> MemoryTree {
    let mut t = MemoryTree::new();
    t.add_file("/src/file.txt", b"hello\n", false);
    t.add_file("/src/exec.sh", b"#!/bin/sh\necho hi\n", true);
    t.add_file("/src/dir/a", b"aaa", false);
    t.add_file("/src/dir/b/c", b"", false);
    t.add_dir("/src/dir/empty");
    t.add_symlink("/src/dir/link", "a");
    t
}

#[test]
fn nar_hashes_match_nix_hash() {
    let tree = sample_tree();
    // nix-hash --type sha256 --base32 <path>
    for (path, expected) in [
        ("/src/dir", "086kc86fzsghc6r71vz82hgaxddk57ykqgxhkz0ca8hzx4y7q4zk"),
        ("/src/file.txt", "04zwf782yjwnh3q6hz5izfd6jyip8kgw6g6yj43fiqhbyhdd0dqw"),
        ("/src/exec.sh", "183p8jhjfcpk6kac6hxwp4gzp9brkvkibylz27jfbvgd5kqcq2jy"),
        ("/src/dir/empty", "0sjjj9z1dhilhpc8pq4154czrb79z9cm044jvn75kxcjv6v5l2m5"),
        ("/src/dir/link", "090zpj9rwzj3l364fps2vqw1zz7r2s5p27mfq0a2yrihinh73m5j"),
    ] {
        assert_eq!(nar_hash(&tree, path, HashAlgo::Sha256).unwrap().to_base32(), expected, "{path}");
    }
}

#[test]
fn nar_layout_of_a_small_file() {
    let mut tree = MemoryTree::new();
    tree.add_file("/f", b"hi", true);
    let nar = nar_bytes(&tree, "/f").unwrap();
    let mut expected = Vec::new();
    for s in ["nix-archive-1", "(", "type", "regular", "executable", "", "contents", "hi", ")"] {
        expected.extend_from_slice(&(s.len() as u64).to_le_bytes());
        expected.extend_from_slice(s.as_bytes());
        expected.resize(expected.len().div_ceil(8) * 8, 0);
    }
    assert_eq!(nar, expected);
}

#[test]
fn source_paths() {
    let tree = sample_tree();
    let mut store = DrvStore::new("/nix/store");
    let mut add =
        |path: &str, name: &str, method: IngestionMethod| store.add_source(&tree, path, name, method, None).unwrap();
    use IngestionMethod::{Flat, Recursive};
    // "${./src/file.txt}", "${./src/exec.sh}", "${./src/dir}"
    assert_eq!(add("/src/file.txt", "file.txt", Recursive), "/nix/store/qjqcrhqkjmdgv3yqcgcd9fa7qi234hga-file.txt");
    assert_eq!(add("/src/exec.sh", "exec.sh", Recursive), "/nix/store/5c04552vhn4sp0x18q5gryqhfnya0aji-exec.sh");
    assert_eq!(add("/src/dir", "dir", Recursive), "/nix/store/ayc6g635c9k6gqrnnbb3xlyvgbwidzxf-dir");
    // builtins.path { path = ./src/dir; name = "renamed"; }
    assert_eq!(add("/src/dir", "renamed", Recursive), "/nix/store/bd2442abff9fcyxglz0jsg0y8xskalvm-renamed");
    // builtins.path { path = ./src/file.txt; recursive = false; }
    assert_eq!(add("/src/file.txt", "file.txt", Flat), "/nix/store/z1rahp9fy11h8yvihxhgj8vr2pb6db1a-file.txt");
    // builtins.path { path = ./src/exec.sh; name = "flat-exec"; recursive = false; }
    assert_eq!(add("/src/exec.sh", "flat-exec", Flat), "/nix/store/kypxhppdv2iy1v8jifjwqkzr2lrzcsm3-flat-exec");
    // "${./src/dir/empty}", "${./src/dir/link}"
    assert_eq!(add("/src/dir/empty", "empty", Recursive), "/nix/store/9ljssglw74jabzzsqsl3lim4d5jgh4ya-empty");
    assert_eq!(add("/src/dir/link", "link", Recursive), "/nix/store/gl8mrq7cxzhp13jvrrik9l99dsjx3h3v-link");
    // builtins.filterSource (p: t: t != "symlink") ./src/dir
    let filtered = Filtered { source: &tree, filter: |_: &str, kind: FileKind| Ok(kind != FileKind::Symlink) };
    let path = store.add_source(&filtered, "/src/dir", "dir", Recursive, None).unwrap();
    assert_eq!(path, "/nix/store/yjf5yzc4sagkk772x07ghjczj2fwq1s4-dir");
}

#[test]
fn source_path_with_expected_hash() {
    let tree = sample_tree();
    let mut store = DrvStore::new("/nix/store");
    let good = nar_hash(&tree, "/src/dir", HashAlgo::Sha256).unwrap();
    let method = IngestionMethod::Recursive;
    assert!(store.add_source(&tree, "/src/dir", "dir", method, Some(&good)).is_ok());
    let bad = Hash::zero(HashAlgo::Sha256);
    let err = store.add_source(&tree, "/src/dir", "dir", method, Some(&bad)).unwrap_err();
    assert_eq!(err.to_string(), "store path mismatch in (possibly filtered) path added from '/src/dir'");
}

fn base() -> DrvSpec {
    DrvSpec::basic("x")
}

fn named(name: &str) -> DrvSpec {
    DrvSpec { name: name.into(), ..base() }
}

/// The derivations of the vector file, in order; index = position.
fn derivation_vectors() -> Vec<(DrvSpec, &'static [&'static str])> {
    let h = |s: &str| lit(s);
    vec![
        // derivation { name = "x"; system = "x86_64-linux"; builder = "/bin/sh"; }
        (
            base(),
            &["/nix/store/97qlv6h78lxlm9zc8849ahsbcklhsi2y-x.drv", "/nix/store/s668cfx1vrqfjryf96jj8wfhg7f67dhj-x"],
        ),
        // outputs = [ "out" "dev" "lib" ]; args = [ "-c" "echo $out" ];
        (
            named("multi").outputs(&["out", "dev", "lib"]).args(vec![lit("-c"), lit("echo $out")]),
            &[
                "/nix/store/wspvm1d001bdpxzladfng44ag2plgjc5-multi.drv",
                "/nix/store/fhhsd7sgdg5synd1k2bv109mhvs9ivyj-multi",
                "/nix/store/nf85c7s6c4h7dmwhz0fnz3f2pfi97i51-multi-dev",
                "/nix/store/apr619mcqr61vw2r6xcd827c5wn2snmj-multi-lib",
            ],
        ),
        // flat sha256, base-16 hash and outputHashAlgo
        (
            named("fetched").attr("outputHash", h(HELLO[2].1)).attr("outputHashAlgo", lit("sha256")),
            &[
                "/nix/store/kwzz2vxg2wnlnd3klibrkdi14wm65vpd-fetched.drv",
                "/nix/store/pi0hrnj8zhpb7hbxf7iyp184v2hc9zra-fetched",
            ],
        ),
        // recursive sha256, base-32 hash
        (
            named("src-tree")
                .attr("outputHashMode", lit("recursive"))
                .attr("outputHash", h(HELLO[2].2))
                .attr("outputHashAlgo", lit("sha256")),
            &[
                "/nix/store/rjab0f35lc4szh1q891ydl3bkrszd3mc-src-tree.drv",
                "/nix/store/pw0hrr1cypc8f1d8km9hfl84f9ryygp9-src-tree",
            ],
        ),
        // flat sha256, SRI
        (
            named("sri").attr("outputHash", h(HELLO[2].3)),
            &["/nix/store/8276vfb78d9ky22z38bsrdywq67hpc6c-sri.drv", "/nix/store/2zi7nb4xqzpskqjz61qvayh04cwzdryq-sri"],
        ),
        // recursive sha1, "sha1:<base32>"
        (
            named("recsha1")
                .attr("outputHashMode", lit("recursive"))
                .attr("outputHash", lit(&format!("sha1:{}", HELLO[1].2))),
            &[
                "/nix/store/a741lqhhn167i98q2gpnigjfdnsaban8-recsha1.drv",
                "/nix/store/whpr9iidlyflpl80jlkvg5g0mn8vmmrw-recsha1",
            ],
        ),
        // flat md5, SRI
        (
            named("md5").attr("outputHash", h(HELLO[0].3)),
            &["/nix/store/0svmi53lh3kqnshfa89mdsn61p8an4bc-md5.drv", "/nix/store/64nfxnni95b4shkpq9rj1g9xnn4r6lkr-md5"],
        ),
        // flat sha512, base-16
        (
            named("sha512").attr("outputHashAlgo", lit("sha512")).attr("outputHash", h(HELLO[3].1)),
            &[
                "/nix/store/fd771s7jwmrpcvy94qz0ff8pbscg86yp-sha512.drv",
                "/nix/store/vb2n6q8yxil48jfakj2rx3qwjvg51hs8-sha512",
            ],
        ),
        // lib = "${multi.dev}/lib"; src = fetched; weird = "q\"uote \\ back\nnl\ttab\r cr \${x} {}";
        // args = [ "-e" "${recsha1}/setup" ];
        (
            named("dep")
                .attr("lib", Val::Cat(vec![Val::Out(1, "dev".into()), lit("/lib")]))
                .attr("src", Val::Out(2, "out".into()))
                .attr("weird", lit("q\"uote \\ back\nnl\ttab\r cr ${x} {}"))
                .args(vec![lit("-e"), Val::Cat(vec![Val::Out(5, "out".into()), lit("/setup")])]),
            &["/nix/store/72qbjddycl5wvkd7zwla7h6ndmpw82n8-dep.drv", "/nix/store/8kjr3gf3khhh37pr494ki309ij03j8fy-dep"],
        ),
        // d = dep.drvPath;
        (
            named("deep").attr("d", Val::DrvPath(8)),
            &[
                "/nix/store/nv4a0zfsfw05idj7ai2sb4cyvdx5rbs0-deep.drv",
                "/nix/store/g8rzaxys1ndzdm458gaz0r9b80h582c1-deep",
            ],
        ),
        // builder = "${builtins.toFile "script" "run ${builtins.toFile "data" "x"}"}";
        (
            DrvSpec {
                name: "withfile".into(),
                attrs: vec![
                    ("system".into(), lit("x86_64-linux")),
                    (
                        "builder".into(),
                        Val::ToFile(
                            "script".into(),
                            Box::new(Val::Cat(vec![lit("run "), Val::ToFile("data".into(), Box::new(lit("x")))])),
                        ),
                    ),
                ],
                ..DrvSpec::default()
            },
            &[
                "/nix/store/pwjw91draqh9vby6ysna3ydf3andnn2r-withfile.drv",
                "/nix/store/3g672grv0nsmp7dgdhaydy2h36hl7mnx-withfile",
            ],
        ),
    ]
}

#[test]
fn derivation_paths() {
    let vectors = derivation_vectors();
    let specs: Vec<DrvSpec> = vectors.iter().map(|(s, _)| s.clone()).collect();
    let results = eval_case(&specs, "/unused").unwrap();
    for ((spec, expected), got) in vectors.iter().zip(&results) {
        let outputs = spec.outputs.clone().unwrap_or_else(|| vec!["out".into()]);
        let mut actual = vec![got.drv_path.as_str()];
        actual.extend(outputs.iter().map(|o| got.outputs[o].as_str()));
        assert_eq!(&actual[..], *expected, "{}", spec.name);
    }
}

#[test]
fn derivation_aterm_text() {
    let vectors = derivation_vectors();
    let specs: Vec<DrvSpec> = vectors.iter().map(|(s, _)| s.clone()).collect();
    let results = eval_case(&specs, "/unused").unwrap();
    // builtins.readFile dep.drvPath
    let dep = r#"Derive([("out","/nix/store/8kjr3gf3khhh37pr494ki309ij03j8fy-dep","","")],[("/nix/store/a741lqhhn167i98q2gpnigjfdnsaban8-recsha1.drv",["out"]),("/nix/store/kwzz2vxg2wnlnd3klibrkdi14wm65vpd-fetched.drv",["out"]),("/nix/store/wspvm1d001bdpxzladfng44ag2plgjc5-multi.drv",["dev"])],[],"x86_64-linux","/bin/sh",["-e","/nix/store/whpr9iidlyflpl80jlkvg5g0mn8vmmrw-recsha1/setup"],[("builder","/bin/sh"),("lib","/nix/store/nf85c7s6c4h7dmwhz0fnz3f2pfi97i51-multi-dev/lib"),("name","dep"),("out","/nix/store/8kjr3gf3khhh37pr494ki309ij03j8fy-dep"),("src","/nix/store/pi0hrnj8zhpb7hbxf7iyp184v2hc9zra-fetched"),("system","x86_64-linux"),("weird","q\"uote \\ back\nnl\ttab\r cr ${x} {}")])"#;
    assert_eq!(results[8].aterm, dep);
    // builtins.readFile withfile.drvPath
    let withfile = r#"Derive([("out","/nix/store/3g672grv0nsmp7dgdhaydy2h36hl7mnx-withfile","","")],[],["/nix/store/58v5qb76g2qc8d5b3dd93r4zfhf42pd8-script"],"x86_64-linux","/nix/store/58v5qb76g2qc8d5b3dd93r4zfhf42pd8-script",[],[("builder","/nix/store/58v5qb76g2qc8d5b3dd93r4zfhf42pd8-script"),("name","withfile"),("out","/nix/store/3g672grv0nsmp7dgdhaydy2h36hl7mnx-withfile"),("system","x86_64-linux")])"#;
    assert_eq!(results[10].aterm, withfile);
}

#[test]
fn drv_path_context_pulls_in_the_closure() {
    let vectors = derivation_vectors();
    let specs: Vec<DrvSpec> = vectors.iter().map(|(s, _)| s.clone()).collect();
    let mut store = DrvStore::new("/nix/store");
    let results = eval_case_in(&mut store, &specs, "/unused").unwrap();
    let deep = store.derivation(&results[9].drv_path).unwrap();
    // dep.drv and everything it refers to are input sources and input derivations.
    let drvs: Vec<&str> = deep.input_drvs.keys().map(String::as_str).collect();
    let mut expected = [8, 5, 2, 1].map(|i| results[i].drv_path.as_str());
    expected.sort();
    assert_eq!(drvs, expected);
    assert_eq!(deep.input_drvs[&results[1].drv_path], ["dev", "lib", "out"].map(String::from).into());
    assert_eq!(deep.input_srcs.len(), 4);
}

#[test]
fn structured_attrs() {
    // derivation { __structuredAttrs = true; name = "structured"; system = "x86_64-linux";
    //   builder = "/bin/sh"; outputs = ["out" "dev"]; b = true; n = null; i = 3;
    //   l = [ 1 "a" { z = 1; a = "q\"\n"; } ]; }
    let json = r#"{"b":true,"builder":"/bin/sh","i":3,"l":[1,"a",{"a":"q\"\n","z":1}],"n":null,"name":"structured","outputs":["out","dev"],"system":"x86_64-linux"}"#;
    let input = DerivationInput {
        name: "structured".into(),
        builder: "/bin/sh".into(),
        system: "x86_64-linux".into(),
        outputs: Some(vec!["out".into(), "dev".into()]),
        env: BTreeMap::from([("__json".to_string(), json.to_string())]),
        ..Default::default()
    };
    let mut store = DrvStore::new("/nix/store");
    let result = store.instantiate(input).unwrap();
    assert_eq!(result.drv_path, "/nix/store/zfdzp15f7nv928li3abw0jynmjy2zw3y-structured.drv");
    assert_eq!(result.outputs["out"], "/nix/store/p17rc7gjvxywzpq4gc15igin40z26hj2-structured");
    assert_eq!(result.outputs["dev"], "/nix/store/ia5flpang8agb55jgbkp7wb7k3yfk0xp-structured-dev");
}

#[test]
fn derivation_errors() {
    let mut store = DrvStore::new("/nix/store");
    // Messages as nix-instantiate 2.8 prints them after "error: ".
    // derivation { name = "a b"; system = "x"; builder = "/bin/sh"; }
    let system_x = |name: &str| DrvSpec {
        name: name.into(),
        attrs: vec![("builder".into(), lit("/bin/sh")), ("system".into(), lit("x"))],
        ..DrvSpec::default()
    };
    let mut err = |spec: DrvSpec| eval_case_in(&mut store, &[spec], "/unused").unwrap_err().to_string();
    assert_eq!(
        err(system_x("a b")),
        "store path '2py8phdgwarrxrmy6szx8zkq583iqixp-a b' contains illegal character ' '"
    );
    assert_eq!(err(system_x("")), "store path '963999lp55db0406mrgz7y9my9kmr11a-' has an empty name");
    assert_eq!(err(named("x.drv")), "derivation names are not allowed to end in '.drv'");
    assert_eq!(err(base().outputs(&["a", "a"])), "duplicate derivation output 'a'");
    assert_eq!(err(base().outputs(&["drv"])), "invalid derivation output name 'drv'");
    assert_eq!(err(base().attr("outputHash", lit(""))), "empty hash requires explicit hash type");
    assert_eq!(
        err(base().attr("outputHash", lit("abc")).attr("outputHashAlgo", lit("sha256"))),
        "hash 'abc' has wrong length for hash type 'sha256'"
    );
    assert_eq!(
        err(base().attr("outputHash", lit("abc")).attr("outputHashAlgo", lit("sha257"))),
        "hash 'abc' does not include a type, nor is the type otherwise known from context"
    );
    assert_eq!(
        err(base().attr("outputHash", lit("sha1-abc")).attr("outputHashAlgo", lit("sha256"))),
        "hash 'sha1-abc' should have type 'sha256'"
    );
    assert_eq!(err(base().attr("outputHash", lit("sha256-abc"))), "invalid SRI hash 'abc'");
    assert_eq!(err(base().attr("outputHashMode", lit("foo"))), "invalid value 'foo' for 'outputHashMode' attribute");
    assert_eq!(
        err(base().outputs(&["out", "dev"]).attr("outputHash", lit("sha256-abc"))),
        "multiple outputs are not supported in fixed-output derivations"
    );
}

#[test]
fn hash_parse_errors() {
    // outputHash = <text>; as nix-instantiate 2.8 reports it.
    let err = |text: &str| Hash::parse_any(text, None).unwrap_err().to_string();
    let g64 = "g".repeat(64);
    assert_eq!(err(&format!("sha256:{g64}")), format!("invalid base-16 hash '{g64}'"));
    let e52 = "e".repeat(52);
    assert_eq!(err(&format!("sha256:{e52}")), format!("invalid base-32 hash '{e52}'"));
    // 26 base-32 digits hold 130 bits; md5 has 128, so "z…" overflows.
    let z26 = "z".repeat(26);
    assert_eq!(err(&format!("md5:{z26}")), format!("invalid base-32 hash '{z26}'"));
    assert_eq!(err("foo:abc"), "unknown hash algorithm 'foo'");
    assert_eq!(err("sha256-!!!!"), "invalid character in Base64 string: ''");
    assert_eq!(err("abc"), "hash 'abc' does not include a type, nor is the type otherwise known from context");
}

#[test]
fn convert_hash_between_formats() {
    for (algo, hex, nix32, sri) in HELLO {
        let b64 = sri.split_once('-').unwrap().1;
        for input in [hex.to_string(), format!("{}:{nix32}", algo.name()), sri.to_string()] {
            let conv = |to: &str| convert_hash(&input, Some(algo.name()), to).unwrap();
            assert_eq!(conv("base16"), hex);
            assert_eq!(conv("nix32"), nix32);
            assert_eq!(conv("base32"), nix32);
            assert_eq!(conv("base64"), b64);
            assert_eq!(conv("sri"), sri);
        }
    }
    assert_eq!(
        convert_hash(HELLO[0].1, Some("md5"), "hex").unwrap_err().to_string(),
        "unknown hash format 'hex', expect 'base16', 'base32', 'nix32', 'base64', or 'sri'"
    );
}

#[test]
fn store_objects_can_be_read_back() {
    let mut store = DrvStore::new("/nix/store");
    let text = store.to_file("data", b"x", &Default::default()).unwrap();
    assert_eq!(store.object(&text), Some(StoreObject::Text(b"x")));
    let tree = sample_tree();
    let src = store.add_source(&tree, "/src/dir", "dir", IngestionMethod::Recursive, None).unwrap();
    assert_eq!(store.object(&src), Some(StoreObject::Source("/src/dir")));
    let result = eval_case_in(&mut store, &[base()], "/unused").unwrap();
    match store.object(&result[0].drv_path) {
        Some(StoreObject::Derivation(drv)) => assert_eq!(drv.to_aterm(), result[0].aterm),
        other => panic!("{other:?}"),
    }
    assert_eq!(store.object("/nix/store/00000000000000000000000000000000-none"), None);
}
