{ ... }:
{
  boot.isContainer = true;
  users.user.alice = { isNormalUser = true; };
}
