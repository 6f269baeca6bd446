{ ... }:
{
  boot.isContainer = true;
  services.openssh.enable = true;
  services.openssh.permitRootLogin = "prohibit-password";
  system.stateVersion = "24.11";
}
