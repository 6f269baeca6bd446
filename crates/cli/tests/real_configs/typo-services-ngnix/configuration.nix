{ ... }:
{
  boot.isContainer = true;
  services.ngnix.enable = true;
}
