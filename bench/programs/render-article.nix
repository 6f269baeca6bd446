# Evaluating the tutorial's final flake and rendering its NixOS configuration:
# unit files, nginx.conf, /etc and firewall (what the playground does on each
# keystroke). The flake is the repository's own tutorial step 5.
(import <nixpkgs/flake> { src = ../../examples/tutorial/5-final; })
  .nixosConfigurations.container.config.system.build.nixpen
