let
  d = derivation { name = "readable"; system = "x86_64-linux"; builder = "/bin/sh"; args = [ "-c" "true" ]; };
  copied = "${./fixtures/dir}";
in
{
  drv = builtins.readFile d.drvPath;
  text = builtins.readFile (builtins.toFile "note" "written by toFile");
  source = builtins.readFile "${./fixtures/data.txt}";
  inside = builtins.readFile (copied + "/a.conf");
}
