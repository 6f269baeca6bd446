# Evaluating the tutorial's final flake and rendering its NixOS configuration:
# unit files, nginx.conf, /etc and firewall (what the playground does on each
# keystroke). Reads the article from ../shared beside the repository.
(import <nixpkgs/flake> { src = ../../../shared/examples/article/5-final; })
  .nixosConfigurations.container.config.system.build.nixpen
