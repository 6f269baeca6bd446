# cppnix-2.8-differs: inherit-from-display
# A failing assertion shows its set's inherits grouped, as current Nix's showBindings.
assert { inherit (0) a b; x = 1; inherit ({ }) c; } ? z; 0
