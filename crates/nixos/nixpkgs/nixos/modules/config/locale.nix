# time.timeZone and i18n: the time zone and locales, which also give every
# service its TZDIR and LOCALE_ARCHIVE.
{ config, lib, pkgs, ... }:

let inherit (lib) mkOption types; in
{
  options = {
    time.timeZone = mkOption {
      type = types.nullOr (types.addCheck types.str (s: !(lib.hasInfix " " s)));
      default = null;
      example = "America/New_York";
      description = "The time zone of the system clock, such as `Europe/Paris`; null leaves it changeable at run time.";
    };

    i18n.defaultLocale = mkOption {
      type = types.str;
      default = "en_US.UTF-8";
      example = "nl_NL.UTF-8";
      description = "The locale used unless a user chooses another.";
    };

    i18n.supportedLocales = mkOption {
      type = types.listOf types.str;
      default = lib.unique [ "C.UTF-8/UTF-8" "en_US.UTF-8/UTF-8" "${config.i18n.defaultLocale}/UTF-8" ];
      description = "The locales compiled into the system's locale archive.";
    };

    i18n.glibcLocales = mkOption {
      type = types.path;
      default = pkgs.glibcLocales.override { allLocales = false; locales = config.i18n.supportedLocales; };
      defaultText = lib.literalExpression "pkgs.glibcLocales.override { … }";
      description = "The package holding the locale archive.";
    };
  };

  config = {
    systemd.globalEnvironment = {
      TZDIR = "${pkgs.tzdata}/share/zoneinfo";
    } // lib.optionalAttrs (config.i18n.supportedLocales != [ ]) {
      LOCALE_ARCHIVE = "${config.i18n.glibcLocales}/lib/locale/locale-archive";
    };

    environment.etc.zoneinfo.source = "${pkgs.tzdata}/share/zoneinfo";
    environment.etc.localtime = lib.mkIf (config.time.timeZone != null) {
      source = "/etc/zoneinfo/${config.time.timeZone}";
      mode = "direct-symlink";
    };
    environment.sessionVariables.TZDIR = "/etc/zoneinfo";
    environment.sessionVariables.LOCALE_ARCHIVE = "/run/current-system/sw/lib/locale/locale-archive";
  };
}
