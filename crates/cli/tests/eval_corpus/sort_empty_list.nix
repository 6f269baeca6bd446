# cppnix-2.8-differs: sort-empty-list
# An empty list is sorted before the function is looked at.
builtins.sort 1 [ ]
