{ lib, ... }:
{
  boot.isContainer = true;
  systemd.services.systemd-journald.overrideStrategy = "asDropin";
  systemd.services.systemd-journald.serviceConfig.RuntimeMaxUse = "64M";
  system.stateVersion = "24.11";
}
