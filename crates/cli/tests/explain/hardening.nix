# Defaults a hardening module might give every service it knows of.
{ lib, ... }: {
  systemd.services.web.serviceConfig = {
    Restart = lib.mkDefault "always";
    ProtectHome = true;
  };
}
