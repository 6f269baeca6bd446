# List functions.
{ lib }:
let
  inherit (builtins) length elemAt genList foldl' filter head tail concatLists;
in
rec {
  inherit (builtins) head tail length elemAt filter elem genList concatLists concatMap map
    isList all any partition sort foldl' groupBy;

  /** Build a singleton list. Example: `singleton 1` => `[ 1 ]` */
  singleton = x: [ x ];

  /** Fold from the right. Example: `foldr (x: acc: x - acc) 0 [ 3 1 ]` => `2` */
  foldr = op: nul: list:
    let n = length list; go = i: if i == n then nul else op (elemAt list i) (go (i + 1));
    in go 0;

  /** Alias of `foldr`. Example: `fold (a: b: a + b) 0 [ 1 2 ]` => `3` */
  fold = foldr;

  /** Fold from the left. Example: `foldl (acc: x: acc - x) 10 [ 1 2 ]` => `7` */
  foldl = op: nul: list:
    let go = n: if n == -1 then nul else op (go (n - 1)) (elemAt list n);
    in go (length list - 1);

  /** Map with a 0-based index. Example: `imap0 (i: x: i + x) [ 10 20 ]` => `[ 10 21 ]` */
  imap0 = f: list: genList (n: f n (elemAt list n)) (length list);

  /** Map with a 1-based index. Example: `imap1 (i: x: i + x) [ 10 20 ]` => `[ 11 22 ]` */
  imap1 = f: list: genList (n: f (n + 1) (elemAt list n)) (length list);

  /** Flatten nested lists. Example: `flatten [ 1 [ 2 [ 3 ] ] ]` => `[ 1 2 3 ]` */
  flatten = x: if builtins.isList x then builtins.concatMap flatten x else [ x ];

  /** Remove all occurrences of a value. Example: `remove 2 [ 1 2 3 ]` => `[ 1 3 ]` */
  remove = e: filter (x: x != e);

  /** First element satisfying `pred`, else `default`; throws `multiple` if several.
      Example: `findSingle (x: x > 2) "none" "many" [ 1 3 ]` => `3` */
  findSingle = pred: default: multiple: list:
    let found = filter pred list; n = length found;
    in if n == 0 then default else if n != 1 then multiple else head found;

  /** First element satisfying `pred`, else `default`. Example: `findFirst (x: x > 1) 0 [ 1 2 3 ]` => `2` */
  findFirst = pred: default: list:
    let i = findFirstIndex pred null list; in if i == null then default else elemAt list i;

  /** Index of the first element satisfying `pred`, else `default`.
      Example: `findFirstIndex (x: x > 1) null [ 1 2 ]` => `1` */
  findFirstIndex = pred: default: list:
    let
      # A strict fold, not a recursion one call deep per element (which hit
      # the call-depth limit on long lists): `-1 - i` while looking at
      # element i, the index once found (`pred` is not called again).
      state = foldl' (s: x: if s >= 0 then s else if pred x then -s - 1 else s - 1) (-1) list;
    in if state < 0 then default else state;

  /** Number of elements satisfying `pred`. Example: `count (x: x > 1) [ 1 2 3 ]` => `2` */
  count = pred: foldl' (c: x: if pred x then c + 1 else c) 0;

  /** List with one element if the condition holds. Example: `optional true 1` => `[ 1 ]` */
  optional = cond: elem: if cond then [ elem ] else [ ];

  /** The list if the condition holds, else empty. Example: `optionals false [ 1 ]` => `[ ]` */
  optionals = cond: elems: if cond then elems else [ ];

  /** Wrap a non-list in a list. Example: `toList 1` => `[ 1 ]` */
  toList = x: if builtins.isList x then x else [ x ];

  /** Integers from `first` to `last` inclusive. Example: `range 2 4` => `[ 2 3 4 ]` */
  range = first: last: if first > last then [ ] else genList (n: first + n) (last - first + 1);

  /** A list of `n` copies of `x`. Example: `replicate 2 "a"` => `[ "a" "a" ]` */
  replicate = n: x: genList (_: x) n;

  /** Group into an attrset keyed by `pred` results (groupBy'). Example: `groupBy' (a: b: a + b) 0 (x: if x > 1 then "big" else "small") [ 1 2 3 ]` => `{ big = 5; small = 1; }` */
  groupBy' = op: nul: pred: lst: builtins.mapAttrs (_: foldl' op nul) (builtins.groupBy pred lst);

  /** Combine two lists element-wise. Example: `zipListsWith (a: b: a + b) [ 1 2 ] [ 3 4 ]` => `[ 4 6 ]` */
  zipListsWith = f: a: b: genList (n: f (elemAt a n) (elemAt b n)) (lib.trivial.min (length a) (length b));

  /** Pair two lists. Example: `zipLists [ 1 ] [ 2 ]` => `[ { fst = 1; snd = 2; } ]` */
  zipLists = zipListsWith (fst: snd: { inherit fst snd; });

  /** Reverse a list. Example: `reverseList [ 1 2 ]` => `[ 2 1 ]` */
  reverseList = xs: let l = length xs; in genList (n: elemAt xs (l - n - 1)) l;

  /** Topological-ish sort: list of DFS result. Example: `listDfs true (a: b: a < b) [ 3 1 ]` */
  listDfs = stopOnCycles: before: list:
    let
      visit = us: visited: rest:
        let
          loops = filter (x: before x us) visited;
          split = partition (x: before x us) rest;
        in
        if stopOnCycles && loops != [ ] then { cycle = us; inherit loops visited rest; }
        else if split.right == [ ] then { minimal = us; inherit visited rest; }
        else visit (head split.right) ([ us ] ++ visited) (tail split.right ++ split.wrong);
    in visit (head list) [ ] (tail list);

  /** Sort by a partial order topologically. Example: `toposort (a: b: a < b) [ 3 1 2 ]` => `{ result = [ 1 2 3 ]; }` */
  toposort = before: list:
    let
      dfsthis = listDfs true before list;
      toporest = toposort before (dfsthis.visited ++ dfsthis.rest);
    in
    if length list < 2 then { result = list; }
    else if dfsthis ? cycle then { cycle = reverseList ([ dfsthis.cycle ] ++ dfsthis.visited); inherit (dfsthis) loops; }
    else if toporest ? cycle then toporest
    else { result = [ dfsthis.minimal ] ++ toporest.result; };

  /** Sort by a key, computing each key once. Example: `sortOn builtins.stringLength [ "aa" "b" ]` => `[ "b" "aa" ]` */
  sortOn = f: list:
    map (p: p.v) (builtins.sort (a: b: a.k < b.k) (map (v: { inherit v; k = f v; }) list));

  /** Lexicographic list comparison. Example: `compareLists lib.compare [ 1 ] [ 1 2 ]` => `-1` */
  compareLists = cmp: a: b:
    if a == [ ] then (if b == [ ] then 0 else -1)
    else if b == [ ] then 1
    else let r = cmp (head a) (head b); in if r == 0 then compareLists cmp (tail a) (tail b) else r;

  /** Natural sort of strings. Example: `naturalSort [ "a10" "a2" ]` => `[ "a2" "a10" ]` */
  naturalSort = lst:
    let
      vectorise = s: map (x: if builtins.isList x then lib.strings.toInt (head x) else x) (builtins.split "(0|[1-9][0-9]*)" s);
      prepared = map (x: [ (vectorise x) x ]) lst;
      less = a: b: (compareLists lib.trivial.compare (head a) (head b)) < 0;
    in map (x: elemAt x 1) (builtins.sort less prepared);

  /** First `n` elements. Example: `take 2 [ 1 2 3 ]` => `[ 1 2 ]` */
  take = n: sublist 0 n;

  /** Drop the first `n` elements. Example: `drop 1 [ 1 2 ]` => `[ 2 ]` */
  drop = n: list: sublist n (length list) list;

  /** Last `n` elements. Example: `takeEnd 1 [ 1 2 ]` => `[ 2 ]` */
  takeEnd = n: xs: drop (lib.trivial.max 0 (length xs - n)) xs;

  /** Drop the last `n` elements. Example: `dropEnd 1 [ 1 2 ]` => `[ 1 ]` */
  dropEnd = n: xs: take (lib.trivial.max 0 (length xs - n)) xs;

  /** Whether `a` is a prefix of `b`. Example: `hasPrefix [ 1 ] [ 1 2 ]` => `true` */
  hasPrefix = a: b: take (length a) b == a;

  /** Remove a list prefix or throw. Example: `removePrefix [ 1 ] [ 1 2 ]` => `[ 2 ]` */
  removePrefix = a: b:
    if hasPrefix a b then drop (length a) b
    else throw "lib.lists.removePrefix: First argument is not a list prefix of the second argument";

  /** A slice of a list. Example: `sublist 1 2 [ 0 1 2 3 ]` => `[ 1 2 ]` */
  sublist = start: count: list:
    let len = length list; in
    genList (n: elemAt list (n + start))
      (if start >= len then 0 else if start + count > len then len - start else count);

  /** Longest common prefix. Example: `commonPrefix [ 1 2 ] [ 1 3 ]` => `[ 1 ]` */
  commonPrefix = a: b:
    let n = lib.trivial.min (length a) (length b);
        i = findFirstIndex (k: elemAt a k != elemAt b k) n (range 0 (n - 1));
    in take i a;

  /** Last element. Example: `last [ 1 2 ]` => `2` */
  last = list: assert lib.assertMsg (list != [ ]) "lists.last: list must not be empty!"; elemAt list (length list - 1);

  /** All but the last element. Example: `init [ 1 2 ]` => `[ 1 ]` */
  init = list: assert lib.assertMsg (list != [ ]) "lists.init: list must not be empty!"; take (length list - 1) list;

  /** Cartesian product of attrsets of lists. Example: `crossLists (a: b: a + b) [ [ 1 ] [ 10 20 ] ]` => `[ 11 21 ]` */
  crossLists = f: foldl' (fs: args: builtins.concatMap (f: map f args) fs) [ f ];

  /** Remove duplicates, keeping first occurrences. Example: `unique [ 1 2 1 ]` => `[ 1 2 ]` */
  unique = foldl' (acc: e: if builtins.elem e acc then acc else acc ++ [ e ]) [ ];

  /** Remove duplicate strings/ints fast. Example: `uniqueStrings [ "a" "a" ]` => `[ "a" ]` */
  uniqueStrings = list: builtins.attrNames (builtins.groupBy lib.id list);

  /** Whether all elements are distinct. Example: `allUnique [ 1 2 ]` => `true` */
  allUnique = list: length (unique list) == length list;

  /** Elements of both lists. Example: `intersectLists [ 1 2 ] [ 2 3 ]` => `[ 2 ]` */
  intersectLists = e: filter (x: builtins.elem x e);

  /** Elements of the second list absent from the first. Example: `subtractLists [ 1 ] [ 1 2 ]` => `[ 2 ]` */
  subtractLists = e: filter (x: !(builtins.elem x e));

  /** Whether lists share no element. Example: `mutuallyExclusive [ 1 ] [ 2 ]` => `true` */
  mutuallyExclusive = a: b: length a == 0 || !(builtins.any (x: builtins.elem x a) b);

  /** Insert a separator between elements. Example: `intersperse 0 [ 1 2 ]` => `[ 1 0 2 ]` */
  intersperse = sep: list:
    if list == [ ] then [ ] else tail (builtins.concatMap (x: [ sep x ]) list);

  /** Replace elements by index. Example: `replaceElemAt [ 1 2 ] 0 9` => `[ 9 2 ]` */
  replaceElemAt = list: idx: v:
    assert lib.assertMsg (idx >= 0 && idx < length list) "'lists.replaceElemAt' called with index ${toString idx} on a list of size ${toString (length list)}";
    genList (i: if i == idx then v else elemAt list i) (length list);


  /** `map` with the list first. Example: `forEach [ 1 2 ] (x: x * 2)` => `[ 2 4 ]` */
  forEach = xs: f: map f xs;

  /** Filter with a 0-based index. Example: `ifilter0 (i: x: i > 0) [ 1 2 ]` => `[ 2 ]` */
  ifilter0 = pred: list:
    map (i: elemAt list i) (filter (i: pred i (elemAt list i)) (genList (i: i) (length list)));

  /** Concatenate the list values of an attrset. Example: `concatAttrValues { a = [ 1 ]; b = [ 2 ]; }` => `[ 1 2 ]` */
  concatAttrValues = set: concatLists (builtins.attrValues set);
}
