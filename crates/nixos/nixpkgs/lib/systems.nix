# Platform descriptions, enough for the common Linux and Darwin systems.
{ lib }:
let
  cpus = {
    x86_64 = { bits = 64; family = "x86"; };
    i686 = { bits = 32; family = "x86"; };
    aarch64 = { bits = 64; family = "arm"; };
    armv7l = { bits = 32; family = "arm"; };
    armv6l = { bits = 32; family = "arm"; };
    riscv64 = { bits = 64; family = "riscv"; };
    powerpc64le = { bits = 64; family = "power"; };
  };
  kernels = [ "linux" "darwin" ];
in
rec {
  /** Systems by family: `all`, `linux`, `darwin`, `x86_64`, `aarch64`, `unix`.
      Example: `systems.doubles.linux` */
  doubles = rec {
    linux = map (c: "${c}-linux") (builtins.attrNames cpus);
    darwin = [ "x86_64-darwin" "aarch64-darwin" ];
    all = linux ++ darwin;
    unix = all;
    x86_64 = [ "x86_64-linux" "x86_64-darwin" ];
    i686 = [ "i686-linux" ];
    aarch64 = [ "aarch64-linux" "aarch64-darwin" ];
    x86 = x86_64 ++ i686;
    arm = [ "armv6l-linux" "armv7l-linux" ];
    riscv = [ "riscv64-linux" ];
  };

  /** Systems with binary caches. Example: `flakeExposed` */
  flakeExposed = [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" "armv6l-linux" "armv7l-linux" "i686-linux" "powerpc64le-linux" "riscv64-linux" ];

  /** A platform record from a system string (or `{ system }`).
      Example: `(elaborate "x86_64-linux").isLinux` => `true` */
  elaborate = arg:
    let
      system = if builtins.isString arg then arg else arg.system or (throw "lib.systems.elaborate: a system is needed");
      parts = lib.strings.splitString "-" system;
      cpuName = builtins.head parts;
      kernelName = lib.lists.last parts;
      cpu = cpus.${cpuName} or { bits = 64; family = cpuName; };
      isLinux = kernelName == "linux";
      isDarwin = kernelName == "darwin";
    in
    {
      inherit system isLinux isDarwin;
      config = if isLinux then "${cpuName}-unknown-linux-gnu" else "${cpuName}-apple-darwin";
      parsed = {
        cpu = { name = cpuName; inherit (cpu) bits family; };
        kernel = { name = kernelName; };
        abi = { name = if isLinux then "gnu" else "unknown"; };
      };
      isx86_64 = cpuName == "x86_64";
      isi686 = cpuName == "i686";
      isx86 = cpu.family == "x86";
      isAarch64 = cpuName == "aarch64";
      isAarch32 = cpu.family == "arm" && cpu.bits == 32;
      isAarch = cpu.family == "arm";
      isRiscV = cpu.family == "riscv";
      isPower = cpu.family == "power";
      is64bit = cpu.bits == 64;
      is32bit = cpu.bits == 32;
      isUnix = true;
      isWindows = false;
      isFreeBSD = false;
      isStatic = false;
      isMusl = false;
      isGnu = isLinux;
      isEfi = true;
      linuxArch = { x86_64 = "x86_64"; i686 = "i386"; aarch64 = "arm64"; armv7l = "arm"; armv6l = "arm"; riscv64 = "riscv"; powerpc64le = "powerpc"; }.${cpuName} or cpuName;
      uname = { system = if isLinux then "Linux" else "Darwin"; processor = cpuName; };
      extensions = {
        sharedLibrary = if isDarwin then ".dylib" else ".so";
        library = if isDarwin then ".dylib" else ".so";
        staticLibrary = ".a";
        executable = "";
      };
      isBSD = false;
      isMacOS = isDarwin;
      isAndroid = false;
      isCygwin = false;
      isMinGW = false;
      isElf = isLinux;
      isMacho = isDarwin;
      isLittleEndian = true;
      isBigEndian = false;
      hasSharedLibraries = true;
      efiArch = { x86_64 = "x64"; i686 = "ia32"; aarch64 = "aa64"; armv7l = "arm"; armv6l = "arm"; riscv64 = "riscv64"; }.${cpuName} or cpuName;
      darwinArch = { x86_64 = "x86_64"; aarch64 = "arm64"; }.${cpuName} or cpuName;
      go = {
        GOARCH = { x86_64 = "amd64"; i686 = "386"; aarch64 = "arm64"; armv7l = "arm"; armv6l = "arm"; riscv64 = "riscv64"; powerpc64le = "ppc64le"; }.${cpuName} or cpuName;
        GOOS = kernelName;
        GOARM = { armv7l = "7"; armv6l = "6"; }.${cpuName} or "";
      };
      emulatorAvailable = _: false;
      canExecute = other: (other.system or other) == system;
      rust.rustcTarget = if isLinux then "${cpuName}-unknown-linux-gnu" else "${cpuName}-apple-darwin";
    };

  /** Whether two platform records describe the same system. Example: `equals a b` */
  equals = a: b: a.system == b.system;

  /** Pattern sets for `meta.platforms`. Example: `inspect.patterns.isLinux` */
  inspect.patterns = {
    isLinux = { kernel = { name = "linux"; }; };
    isDarwin = { kernel = { name = "darwin"; }; };
    isx86_64 = { cpu = { name = "x86_64"; }; };
    isAarch64 = { cpu = { name = "aarch64"; }; };
  };
}
