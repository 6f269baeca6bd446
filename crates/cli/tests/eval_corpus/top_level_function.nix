# A function with formals at the top is printed, not called, when no --arg is given.
{ b }: b + 1
