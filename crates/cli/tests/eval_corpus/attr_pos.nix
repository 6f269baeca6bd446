let s = {
  alpha = 1;
    beta.gamma = 2;
}; in [ (builtins.unsafeGetAttrPos "alpha" s) (builtins.unsafeGetAttrPos "beta" s) (builtins.unsafeGetAttrPos "nope" s) ]
