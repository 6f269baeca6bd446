# services.xserver.* and the display and desktop managers that configure
# it, declared with NixOS's names, types and defaults (nixos/modules/
# services/x11/, services/display-managers/, services/desktop-managers/).
# Nixpen renders nothing from them; options of these namespaces not
# declared here are NixOS options Nixpen does not model (a warning).
{ config, lib, ... }:

let
  inherit (lib) mkOption types;
  enableOption = description: mkOption { type = types.bool; default = false; inherit description; };
in
{
  options.services = {
    xserver = {
      enable = enableOption "Whether the X server is run.";
      autorun = mkOption { type = types.bool; default = true; description = "Whether the X server starts at boot."; };
      videoDrivers = mkOption {
        type = types.listOf types.str;
        default = [ "modesetting" "fbdev" ];
        example = [ "nvidia" "amdgpu" ];
        description = "The video drivers tried, in order.";
      };
      xkb = {
        layout = mkOption { type = types.str; default = "us"; description = "The keyboard layout(s), comma-separated."; };
        variant = mkOption { type = types.str; default = ""; example = "colemak"; description = "The layout variant(s)."; };
        options = mkOption { type = types.commas; default = "terminate:ctrl_alt_bksp"; example = "grp:caps_toggle"; description = "XKB options, comma-separated."; };
        model = mkOption { type = types.str; default = "pc104"; description = "The keyboard model."; };
      };
      excludePackages = mkOption { type = types.listOf types.package; default = [ ]; description = "Packages the X server would install that are left out."; };
      displayManager = {
        lightdm.enable = enableOption "Whether LightDM is the display manager.";
        gdm.enable = enableOption "Whether GDM is the display manager (an older name of services.displayManager.gdm.enable).";
        startx.enable = enableOption "Whether `startx` starts X sessions instead of a display manager.";
      };
      desktopManager = {
        gnome.enable = enableOption "Whether GNOME is installed (an older name of services.desktopManager.gnome.enable).";
        xfce.enable = enableOption "Whether Xfce is installed.";
        plasma5.enable = enableOption "Whether KDE Plasma 5 is installed.";
        cinnamon.enable = enableOption "Whether Cinnamon is installed.";
        mate.enable = enableOption "Whether MATE is installed.";
        budgie.enable = enableOption "Whether Budgie is installed.";
      };
      windowManager = {
        i3.enable = enableOption "Whether i3 is a window manager.";
        awesome.enable = enableOption "Whether awesome is a window manager.";
        xmonad.enable = enableOption "Whether xmonad is a window manager.";
        bspwm.enable = enableOption "Whether bspwm is a window manager.";
      };
    };

    displayManager = {
      sddm = {
        enable = enableOption "Whether SDDM is the display manager.";
        wayland.enable = enableOption "Whether SDDM runs on Wayland.";
      };
      gdm = {
        enable = enableOption "Whether GDM is the display manager.";
        wayland = mkOption { type = types.bool; default = true; description = "Whether GDM runs on Wayland."; };
      };
      autoLogin = {
        enable = enableOption "Whether a user is logged in automatically.";
        user = mkOption { type = types.nullOr types.str; default = null; description = "The user logged in automatically."; };
      };
      defaultSession = mkOption { type = types.nullOr types.str; default = null; example = "plasma"; description = "The session started by default."; };
    };

    desktopManager = {
      plasma6.enable = enableOption "Whether KDE Plasma 6 is installed.";
      gnome.enable = enableOption "Whether GNOME is installed.";
      cosmic.enable = enableOption "Whether COSMIC is installed.";
    };

    libinput.enable = mkOption {
      type = types.bool;
      default = config.services.xserver.enable;
      defaultText = lib.literalExpression "config.services.xserver.enable";
      description = "Whether libinput handles touchpads and other input devices.";
    };
  };
}
