# partition forces each item before the predicate sees it.
(builtins.partition (z: false) [ (throw "forced") ]).right
