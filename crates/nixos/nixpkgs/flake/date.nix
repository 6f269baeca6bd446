# formatDate seconds: a Unix time as "YYYYMMDDHHMMSS" in UTC, the form of
# a flake's `lastModifiedDate`.
let
  pad = width: n:
    let s = toString n;
    in if builtins.stringLength s >= width then s else pad width ("0" + s);

  # Days since 1970-01-01 to a civil date (proleptic Gregorian calendar).
  civil = days:
    let
      z = days + 719468;
      era = (if z >= 0 then z else z - 146096) / 146097;
      doe = z - era * 146097;
      yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
      doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
      mp = (5 * doy + 2) / 153;
      d = doy - (153 * mp + 2) / 5 + 1;
      m = if mp < 10 then mp + 3 else mp - 9;
      y = yoe + era * 400 + (if m <= 2 then 1 else 0);
    in { year = y; month = m; day = d; };
in
seconds:
let
  days = seconds / 86400;
  rest = seconds - days * 86400;
  date = civil days;
in
pad 4 date.year + pad 2 date.month + pad 2 date.day
+ pad 2 (rest / 3600) + pad 2 (rest / 60 - (rest / 3600) * 60) + pad 2 (rest - (rest / 60) * 60)
