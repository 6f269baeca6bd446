let v = import ./fixtures/dir/sub/value.nix; in v.answer + (import ./fixtures/dir/sub/value.nix).answer
