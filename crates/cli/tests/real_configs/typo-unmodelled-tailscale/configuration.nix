{ ... }:
{
  boot.isContainer = true;
  services.tailscal.enable = true;
}
