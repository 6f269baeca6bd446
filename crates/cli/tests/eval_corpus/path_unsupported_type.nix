# Copying a device to the store: Nix refuses the file type.
"${/dev/null}"
