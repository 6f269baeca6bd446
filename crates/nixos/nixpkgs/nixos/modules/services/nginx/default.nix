# services.nginx: the nginx web server, as NixOS models it.
{
  imports = [
    ./options.nix
    ./service.nix
  ];
}
