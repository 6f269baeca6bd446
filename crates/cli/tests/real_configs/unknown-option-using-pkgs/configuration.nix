{ pkgs, ... }:
{
  boot.isContainer = true;
  foo.bar = pkgs.hello;
}
